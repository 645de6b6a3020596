package bodyformat

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The stream benchmarks write token streams to a Stream in Redact mode, as
// a proxy passes an LLM's answer through: OpenAI-style server-sent events
// of prose deltas ("clean"), the same with identifiers split across
// deltas ("pii"), and crafted JSON lines whose field stays open forever
// ({"c":"1 "} repeated: every event may continue a number).
//
//	go test -bench Stream -benchmem -run '^$' ./bodyformat/

// tokenDeltas cuts text into deltas of one to four runes, as an LLM's
// tokens come.
func tokenDeltas(r *rand.Rand, text string) []string {
	rs := []rune(text)
	var out []string
	for len(rs) > 0 {
		k := min(len(rs), 1+r.IntN(4))
		out = append(out, string(rs[:k]))
		rs = rs[k:]
	}
	return out
}

// sseDeltas builds about n bytes of OpenAI-style events, the deltas of
// prose and, when withPII is set, of identifiers in it.
func sseDeltas(r *rand.Rand, n int, withPII bool) []byte {
	var b strings.Builder
	for i := 0; b.Len() < n; {
		text := string(synth.CleanProse(r, 200))
		if withPII {
			text += " 身份证 " + synth.CNID18(r) + "，手机 " + synth.CNMobile(r) + "，邮箱 " + synth.Email(r) + "。"
		}
		for _, d := range tokenDeltas(r, text) {
			ev, _ := json.Marshal(map[string]any{"id": "chatcmpl-7", "object": "chat.completion.chunk", "model": "gpt-4o",
				"choices": []any{map[string]any{"index": 0, "delta": map[string]string{"content": d}}}})
			fmt.Fprintf(&b, "data: %s\n\n", ev)
			i++
		}
	}
	return []byte(b.String())
}

// craftedLines builds about n bytes of {"c":"1 "} lines.
func craftedLines(n int) []byte {
	const line = "{\"c\":\"1 \"}\n"
	return []byte(strings.Repeat(line, max(1, n/len(line))))
}

// craftedEvents builds about n bytes of data: {"c":"1"} events.
func craftedEvents(n int) []byte {
	const ev = "data: {\"c\":\"1\"}\n\n"
	return []byte(strings.Repeat(ev, max(1, n/len(ev))))
}

// benchStream writes body to a Stream in writes of about 1 KiB.
func benchStream(b *testing.B, body []byte, kind StreamKind) {
	eng := testEngine(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		streamInKiB(b, NewStream(eng, io.Discard, kind, StreamOptions{Mode: Redact}), body)
	}
}

// streamInKiB writes body to s in writes of 1 KiB, as a proxy passes a
// response on, and closes it.
func streamInKiB(t testing.TB, s *Stream, body []byte) {
	for p := body; len(p) > 0; {
		k := min(len(p), 1024)
		if _, err := s.Write(p[:k]); err != nil {
			t.Fatal(err)
		}
		p = p[k:]
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkStream(b *testing.B) {
	for _, size := range []int{16 << 10, 256 << 10} {
		b.Run(fmt.Sprintf("sse-clean/%dK", size>>10), func(b *testing.B) {
			benchStream(b, sseDeltas(rng("bench sse clean"), size, false), StreamEvents)
		})
		b.Run(fmt.Sprintf("sse-pii/%dK", size>>10), func(b *testing.B) {
			benchStream(b, sseDeltas(rng("bench sse pii"), size, true), StreamEvents)
		})
		b.Run(fmt.Sprintf("ndjson-crafted/%dK", size>>10), func(b *testing.B) {
			benchStream(b, craftedLines(size), StreamLines)
		})
		b.Run(fmt.Sprintf("sse-crafted/%dK", size>>10), func(b *testing.B) {
			benchStream(b, craftedEvents(size), StreamEvents)
		})
	}
}
