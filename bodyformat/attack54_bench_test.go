package bodyformat

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack54Lines is a body that sniffs as JSON lines ("{}" on its first
// line) followed by lines of unit, n bytes in all.
func attack54Lines(n int, unit string) []byte {
	return []byte("{}\n" + repeatTo(n-3, unit))
}

// attack54DenseLines is n bytes of customer records, one JSON object a
// line (the ordinary JSON lines body the crafted ones are compared with).
func attack54DenseLines(n int) []byte {
	r := rand.New(rand.NewPCG(7, 7))
	var b bytes.Buffer
	for i := 1; b.Len() < n; i++ {
		b.Write(synth.NewCustomer(r, i, true).JSON())
		b.WriteByte('\n')
	}
	return b.Bytes()[:n]
}

// BenchmarkAttack54Lines compares the cost a byte of JSON lines bodies of
// one- and two-byte lines with dense customer records (attack pass 54):
//
//	go test -bench Attack54Lines -run '^$' ./bodyformat/
func BenchmarkAttack54Lines(b *testing.B) {
	const n = 1 << 20
	for _, c := range []struct {
		name, ct string
		body     []byte
	}{
		{"dense-json", ctJSON, synth.CustomersJSON(rand.New(rand.NewPCG(54, 54)), 2*n, true)[:n]},
		{"dense-ndjson", "application/x-ndjson", attack54DenseLines(n)},
		{"open-array-lines", "text/plain", attack54Lines(n, "[\n")},
		{"open-array-lines-ndjson", "application/x-ndjson", attack54Lines(n, "[\n")},
		{"open-array2-lines", "text/plain", attack54Lines(n, "[[\n")},
		{"open-object-lines", "text/plain", attack54Lines(n, "{\n")},
		{"digit-lines", "text/plain", attack54Lines(n, "1\n")},
		{"letter-lines", "text/plain", attack54Lines(n, "x\n")},
		{"sse-empty-events", "text/event-stream", []byte(repeatTo(n, ":\n\n"))},
	} {
		b.Run(fmt.Sprintf("%s/%dK", c.name, n>>10), func(b *testing.B) { benchInspect(b, c.body, c.ct, "") })
	}
}

// BenchmarkAttack54WSMessages feeds a Stream as a WebSocket side does
// (WriteEvent) one-byte "[" messages and customer record messages, and
// reports the time a message and a byte (attack pass 54):
//
//	go test -bench Attack54WSMessages -run '^$' ./bodyformat/
func BenchmarkAttack54WSMessages(b *testing.B) {
	r := rand.New(rand.NewPCG(54, 3))
	for _, c := range []struct {
		name string
		msg  func() []byte
	}{
		{"record", func() []byte { return synth.NewCustomer(r, 1, true).JSON() }},
		{"open-bracket", func() []byte { return []byte("[") }},
		{"open-brace", func() []byte { return []byte("{") }},
	} {
		b.Run(c.name, func(b *testing.B) {
			eng := testEngine(b)
			s := NewStream(eng, io.Discard, StreamLines, StreamOptions{Mode: Redact, MaxEvent: 1 << 20})
			msg := c.msg()
			b.SetBytes(int64(len(msg)))
			b.ReportAllocs()
			for b.Loop() {
				if err := s.WriteEvent(msg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
