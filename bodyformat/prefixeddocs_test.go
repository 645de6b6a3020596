package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestPrefixedDocumentsScreenAsInspect: a length-prefixed JSON document
// followed by a NUL, a line break, or a second length-prefixed message
// (clean, or the one with the split mobile) is read as its messages are
// by a length-framed reader (prefixedDocs), by Inspect and by the
// BinaryScreen alike, at sizes on both sides of the screen's first
// window: refused in Redact mode when a document holds the split mobile
// (which only the JSON reading joins), clean bodies passed byte for byte.
func TestPrefixedDocumentsScreenAsInspect(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(47, 1))
	for _, n := range []int{4 << 10, 8 << 10, 16 << 10, 32 << 10, 64 << 10} {
		pii := attack46aSplitMobileDoc(r, n)
		clean := prefixedDoc(r, n, n%2 == 0, false, false)
		second := prefixedDoc(r, 300, true, true, false)
		for _, c := range []struct {
			name     string
			body     []byte
			personal bool
		}{
			{"pii, NUL", append(bytes.Clone(pii), 0), true},
			{"pii, line break", append(bytes.Clone(pii), '\n'), true},
			{"pii, second message", append(bytes.Clone(pii), second...), true},
			{"clean, then pii", append(bytes.Clone(clean), pii...), true},
			{"clean, NUL", append(bytes.Clone(clean), 0), false},
			{"clean, line break", append(bytes.Clone(clean), '\n'), false},
			{"clean, second message", append(bytes.Clone(clean), second...), false},
		} {
			name := fmt.Sprintf("%d bytes, %s", n, c.name)
			_, ierr := Inspect(eng, c.body, "", "", Redact, Limits{})
			out, _, serr := screenAll(t, eng, c.body, Redact, 4096)
			if c.personal {
				if !errors.Is(ierr, ErrMalformed) || !errors.Is(serr, ErrMalformed) {
					t.Errorf("%s: Inspect %v, the screen passed %d bytes (%v)", name, ierr, len(out), serr)
				}
				continue
			}
			if ierr != nil || serr != nil || !bytes.Equal(out, c.body) {
				t.Errorf("%s: Inspect %v, the screen passed %d of %d bytes (%v)", name, ierr, len(out), len(c.body), serr)
			}
		}
	}
}

// TestPrefixedDocumentsPastScreenHold: a stream of length-prefixed
// messages longer than the screen holds whose first document holds the
// split mobile is refused in Redact mode by the screen (its leading
// messages read as JSON before it streams: readLeadDocs), as by
// Inspect; the same stream clean passes byte for byte, held no more
// than maxBinaryScreenDoc and one byte.
func TestPrefixedDocumentsPastScreenHold(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(47, 2))
	for _, personal := range []bool{true, false} {
		var body []byte
		if personal {
			body = attack46aSplitMobileDoc(r, 8<<10)
		}
		for i := 0; len(body) <= maxBinaryScreenDoc+(8<<10); i++ {
			body = append(body, prefixedDoc(r, 200+i%50, i%2 == 0, false, false)...)
		}
		_, ierr := Inspect(eng, body, "", "", Redact, Limits{})
		out, s, serr := screenAll(t, eng, body, Redact, 4096)
		if personal && (!errors.Is(ierr, ErrMalformed) || !errors.Is(serr, ErrMalformed) || len(out) != 0) {
			t.Errorf("personal: Inspect %v, the screen passed %d bytes (%v)", ierr, len(out), serr)
		}
		if !personal && (ierr != nil || serr != nil || !bytes.Equal(out, body) || s.Held() > maxBinaryScreenDoc+1) {
			t.Errorf("clean: Inspect %v, the screen passed %d of %d bytes, held %d (%v)", ierr, len(out), len(body), s.Held(), serr)
		}
	}
}
