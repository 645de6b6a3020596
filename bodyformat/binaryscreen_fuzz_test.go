package bodyformat

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// FuzzBinaryScreen checks a BinaryScreen on any body, its source giving
// any number of bytes a read: no panic; it never holds back more than
// BinaryScreenHold bytes; in Scan mode it passes every byte, unchanged,
// and (for a body whose values are not cut, at most maxBinaryFormValue
// bytes) finds what the fields of the body read whole (binaryForm, as
// Inspect reads a binary body) hold; in Redact mode what it passes is a
// start of the body, all of it when the body's fields hold nothing and
// none of it past the field that does, whose refusal is ErrMalformed. The
// body is data repeated 1 + rep%64 times, so that a short input can make
// values longer than the screen holds.
func FuzzBinaryScreen(f *testing.F) {
	r := rand.New(rand.NewPCG(9, 3))
	mobile := synth.CNMobile(r)
	f.Add([]byte("\x00\x00&tel="+mobile+"\x00\x01&name=x"), uint16(1), uint8(0))
	f.Add([]byte("\xff\xd8\xff&身份证="+synth.CNID18(r)+"&"), uint16(7), uint8(0))
	f.Add([]byte("\x89PNG\r\n\x1a\n&note=手机 "+synth.SeparatorEvery(mobile, " ")), uint16(4096), uint8(0))
	f.Add([]byte("x\x00 = "+mobile[:6]), uint16(3), uint8(40))
	f.Add([]byte("a=1 "), uint16(100), uint8(63))
	f.Add(append(binaryNoise(r, 200), "&email="+synth.Email(r)...), uint16(64), uint8(2))
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16, rep uint8) {
		body := bytes.Repeat(data, 1+int(rep)%64)
		step := 1 + int(chunk)%(2*binaryScreenRead)
		whole := &inspector{eng: eng, mode: Scan, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
		if err := whole.binaryWhole(body); err != nil {
			t.Fatalf("the body read whole: %v", err)
		}
		found := whole.counted() > 0

		out, s, err := screenAll(t, eng, body, Scan, step)
		if err != nil || !bytes.Equal(out, body) {
			t.Fatalf("scan by %d: passed %d of %d bytes, ended %v", step, len(out), len(body), err)
		}
		if s.Held() > BinaryScreenHold {
			t.Fatalf("scan by %d: held %d bytes, more than %d", step, s.Held(), BinaryScreenHold)
		}
		if len(body) <= maxBinaryFormValue {
			got := s.Result().Summary
			if got.Categories != whole.summary.Categories || !maps.Equal(got.Counts, whole.summary.Counts) {
				t.Fatalf("scan by %d found %v, the body read whole %v\nbody: %q", step, got.Counts, whole.summary.Counts, body)
			}
		}

		out, s, err = screenAll(t, eng, body, Redact, step)
		if !bytes.HasPrefix(body, out) || s.Held() > BinaryScreenHold {
			t.Fatalf("redact by %d: passed %d bytes that are not the body's start (held %d)", step, len(out), s.Held())
		}
		switch {
		case err == nil && len(out) != len(body):
			t.Fatalf("redact by %d: ended after %d of %d bytes without an error", step, len(out), len(body))
		case err != nil && !errors.Is(err, ErrMalformed):
			t.Fatalf("redact by %d: ended %v", step, err)
		case len(body) <= maxBinaryFormValue && found != (err != nil):
			t.Fatalf("redact by %d: ended %v, but the body read whole found %v\nbody: %q", step, err, whole.summary.Counts, body)
		}
	})
}
