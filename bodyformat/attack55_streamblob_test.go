package bodyformat

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack55StreamAlloc writes events to a Stream at work rate rate (16 is
// the handler's default work_budget per max_body) and returns the
// stream's error and the bytes allocated for each byte written.
func attack55StreamAlloc(t *testing.T, kind StreamKind, events [][]byte, rate int64) (error, float64) {
	t.Helper()
	eng := testEngine(t)
	s := NewStream(eng, io.Discard, kind, StreamOptions{Mode: Redact, WorkRate: rate})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	written := 0
	var err error
	for _, ev := range events {
		if _, err = s.Write(ev); err != nil {
			break
		}
		written += len(ev)
	}
	if err == nil {
		err = s.Close()
	}
	runtime.ReadMemStats(&after)
	return err, float64(after.TotalAlloc-before.TotalAlloc) / float64(max(written, 1))
}

// TestAttack55StreamBlobInflation: an event stream (an SSE response, a
// WebSocket side) whose events each hold, in a JSON string, the base64 of
// a zlib stream of 8 MiB of bytes that are no text (a 27 KiB event,
// under MaxEvent). Each event is inflated whole (base64blob.go) under the
// bound of one compressed body (decodedBound: 16 MiB), by a meter that
// charges no memory (the stream's meter: work only) and caps nothing the
// stream's decoders yield together (decodeCapped is a buffered body's),
// and neither the inflation nor hasUTF8Run's look at the 8 MiB counts as
// work: the stream runs at the default WorkRate with no error while each
// byte written costs some 800 bytes inflated and allocated (a buffer
// grown by doubling) and a look at each (customer records: 40), and a
// 16 MiB buffer a stream the handler charged 32 KiB (streamStart) is
// never charged for. It
// should fail with ErrWork (or ErrTooLarge), or read no more than the
// rate allows.
func TestAttack55StreamBlobInflation(t *testing.T) {
	tok := synth.ZlibBlobBase64(8 << 20)
	ev := []byte(`data: {"type":"attachment","b":"` + tok + `"}` + "\n\n")
	events := make([][]byte, 12)
	for i := range events {
		events[i] = ev
	}
	err, perByte := attack55StreamAlloc(t, StreamEvents, events, 16)
	r := rand.New(rand.NewPCG(55, 2))
	var honest [][]byte
	for i := 1; i <= 2000; i++ {
		honest = append(honest, append(append([]byte("data: "), synth.NewCustomer(r, i, i%2 == 0).JSON()...), "\n\n"...))
	}
	herr, hPerByte := attack55StreamAlloc(t, StreamEvents, honest, 16)
	t.Logf("blob events (%d bytes each): err %v, %.0f bytes allocated a byte written; customer records: err %v, %.1f", len(ev), err, perByte, herr, hPerByte)
	if herr != nil {
		t.Fatalf("honest records: %v", herr)
	}
	if err == nil && perByte > 10*max(hPerByte, 4) {
		t.Errorf("blob events ran to the end at %.0f bytes allocated (inflated) a byte written, %.0fx honest records': no memory charged, no work counted", perByte, perByte/hPerByte)
	}
	if err != nil && !errors.Is(err, ErrWork) && !errors.Is(err, ErrTooLarge) {
		t.Errorf("unexpected error %v", err)
	}
}

// TestAttack55HonestCompressedEventsCut: the other side of the same
// rule. A stream whose events each carry a batch of repetitive log
// lines zlib-compressed and base64-encoded (400 health-check lines, 33
// KB that deflate to some 300 bytes: a 426-byte event) is honest and
// clean, and its readings inflate and read some 78 bytes for each byte
// written. Decided (attack pass 55): a stream's work stays bounded by its
// rate per byte written, inflated bytes included, so that no peer holds a
// core with high-ratio blobs; such a stream fails with ErrWork at the
// default rate (fail closed: the handler cuts it and counts it under
// uninspected{work}), and runs when the operator's work_budget per
// max_body allows its ratio (here 16 times the default rate).
func TestAttack55HonestCompressedEventsCut(t *testing.T) {
	var lines bytes.Buffer
	for k := range 400 {
		lines.WriteString(`{"level":"info","msg":"request served","path":"/api/items/` + string(rune('0'+k%10)) + `","status":200,"ms":12}` + "\n")
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(lines.Bytes())
	w.Close()
	ev := []byte(`data: {"seq":1,"payload":"` + base64.StdEncoding.EncodeToString(z.Bytes()) + `"}` + "\n\n")
	events := make([][]byte, 200)
	for i := range events {
		events[i] = ev
	}
	if err, _ := attack55StreamAlloc(t, StreamEvents, events, 16); !errors.Is(err, ErrWork) {
		t.Errorf("200 events of %d bytes (%d bytes of clean log lines each, deflated) at the default rate: %v, want ErrWork", len(ev), lines.Len(), err)
	}
	if err, _ := attack55StreamAlloc(t, StreamEvents, events, 16*16); err != nil {
		t.Errorf("the same at 16 times the rate: %v", err)
	}
}
