package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"maps"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// FuzzBinaryScreen checks a BinaryScreen on any body, its source giving
// any number of bytes a read: no panic; it never holds back more than
// BinaryScreenHold bytes (a length-prefixed JSON document: at most
// maxBinaryScreenDoc and one, and counts exactly what the body read whole
// holds; a longer one is refused, ErrTooLarge, passing nothing); in Scan
// mode it passes every byte, unchanged,
// and (for a body whose values are not cut, at most maxBinaryFormValue
// bytes) finds what the body read whole (binaryWhole, as Inspect reads a
// binary body) holds, each category as many times, no value counted
// twice: more only by what the runs of text before the body's first
// field that holds something hold (runsBeforeFields: the screen reads
// them before it knows a later field will hold something, the body read
// whole reads no run when a field does); in Redact mode what it passes is a
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
	// a length-prefixed JSON document past the first window is held whole
	doc := `{"tel1":"` + mobile[:3] + `","tel2":"` + mobile[3:7] + `","tel3":"` + mobile[7:] + `"}`
	doc += strings.Repeat(" ", 5000-len(doc))
	f.Add(append(binary.LittleEndian.AppendUint32(nil, uint32(len(doc))), doc...), uint16(999), uint8(0))
	mostHeld := max(BinaryScreenHold, maxBinaryScreenDoc+1)
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
		if errors.Is(err, ErrTooLarge) && len(body) > maxBinaryScreenDoc && len(out) == 0 {
			return // a length-prefixed document longer than the screen holds
		}
		if err != nil || !bytes.Equal(out, body) {
			t.Fatalf("scan by %d: passed %d of %d bytes, ended %v", step, len(out), len(body), err)
		}
		if s.Held() > mostHeld {
			t.Fatalf("scan by %d: held %d bytes, more than %d", step, s.Held(), mostHeld)
		}
		if _, ok := SniffLengthPrefix(body); ok && len(body) <= maxBinaryScreenDoc {
			// a length-prefixed document: held whole, read as Inspect reads it
			if got := s.Result().Summary.Counts; !maps.Equal(got, whole.summary.Counts) {
				t.Fatalf("scan by %d found %v in a length-prefixed document, the body read whole %v", step, got, whole.summary.Counts)
			}
		} else if len(body) <= maxBinaryFormValue {
			got, extra := s.Result().Summary, runsBeforeFields(t, eng, body)
			for c, n := range got.Counts {
				if n < whole.summary.Counts[c] || n > whole.summary.Counts[c]+extra.Counts[c] {
					t.Fatalf("scan by %d found %v, the body read whole %v, its runs before its first field that holds something %v\nbody: %q", step, got.Counts, whole.summary.Counts, extra.Counts, body)
				}
			}
			if got.Categories&whole.summary.Categories != whole.summary.Categories || got.Categories&^(whole.summary.Categories|extra.Categories) != 0 {
				t.Fatalf("scan by %d found %v, the body read whole %v, its runs before its first field that holds something %v\nbody: %q", step, got.Categories, whole.summary.Categories, extra.Categories, body)
			}
		}

		out, s, err = screenAll(t, eng, body, Redact, step)
		if !bytes.HasPrefix(body, out) || s.Held() > mostHeld {
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

// runsBeforeFields returns what a BinaryScreen may find in body besides
// what the body read whole finds (binaryWhole): when the body's fields
// hold something, the runs of text before the first field that does,
// which the screen reads (it cannot know a later field will hold
// something) where the body read whole reads no run; else nothing.
func runsBeforeFields(t *testing.T, eng *detect.Engine, body []byte) detect.Summary {
	t.Helper()
	newIn := func() *inspector {
		return &inspector{eng: eng, mode: Scan, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
	}
	none := detect.Summary{Counts: map[detect.Category]int{}}
	if in := newIn(); in.binaryForm(body) != nil || in.counted() == 0 {
		return none
	}
	if in := newIn(); func() bool { read, err := in.binaryHeadText(body); return read && err == nil }() && in.counted() > 0 {
		return none // read as text after a head: neither fields nor runs
	}
	first := len(body)
	fields := newBinaryFields()
	fields.next(body, true, func(key, val []byte) {
		if first < len(body) {
			return
		}
		in := newIn()
		in.binarySigned = http.DetectContentType(body) != "application/octet-stream"
		if in.readBinaryForm(appendBinaryField(nil, key, val)) == nil && in.counted() > 0 {
			first = fields.start // the field's first byte, as it is handed on
		}
	})
	in := newIn()
	if err := in.binaryText(body[:first]); err != nil {
		t.Fatal(err)
	}
	return in.summary
}
