package bodyformat

import (
	"errors"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFMutationsKeepLength: PDFs with bytes changed at random (cut
// strings and escapes, stray parentheses and angle brackets, broken
// streams) never panic the reading, and a masked one keeps its length;
// the same for HTTP messages and zlib streams, which must not panic
// either.
func TestPDFMutationsKeepLength(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id, mob := synth.CNID18(r), synth.CNMobile(r)
	seeds := [][]byte{
		pdfOf("BT (ID \\061"+id[1:]+") Tj <"+mob+"> Tj [("+mob[:4]+") 3 ("+mob[4:]+")] TJ ET", "("+mob+")", true, false),
		pdfOf("BT ("+id+") Tj ET", "(x)", true, true),
	}
	alphabet := []byte("()<>\\0123456789 \n\r%/[]streamendobjTj")
	for k := 0; k < 1500; k++ {
		seed := seeds[k%len(seeds)]
		b := append([]byte(nil), seed...)
		for n := 1 + r.IntN(6); n > 0; n-- {
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b[i] = alphabet[r.IntN(len(alphabet))]
			case 1:
				b = b[:i]
			default:
				b[i] = byte(r.IntN(256))
			}
			if len(b) == 0 {
				break
			}
		}
		if len(b) < 6 {
			continue
		}
		res, err := Inspect(eng, b, "application/pdf", "", Redact, Limits{})
		if err != nil && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrEncoding) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("mutation %d: %v", k, err)
		}
		if err == nil && res.Changed && pdfFile(b) && !sniffText(b) && len(res.Body) != len(b) {
			t.Fatalf("mutation %d: %d bytes of %d", k, len(res.Body), len(b))
		}
		_, _ = Inspect(eng, b, "message/http", "", Redact, Limits{})
		_, _ = Inspect(eng, append([]byte{0x78, 0x9c}, b...), "", "", Redact, Limits{})
	}
}
