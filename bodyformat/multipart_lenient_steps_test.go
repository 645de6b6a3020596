//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestComplexityMultipartPiecesLinear checks that reading the pieces a
// lenient parser finds inside a binary part is linear: a part full of
// near-delimiters, and one full of LF-only delimiters each starting a
// field, cost the engine at most 8.8 times the steps at 8n bytes as at n.
func TestComplexityMultipartPiecesLinear(t *testing.T) {
	eng := testEngine(t)
	r := rng("multipart pieces steps")
	mobile := synth.CNMobile(r)
	shapes := map[string]string{
		"near":   "\r\n--b\n-b1\r--B1-\x00\xff",
		"pieces": "\n--b1\nContent-Disposition: form-data; name=\"tel\"\n\n" + mobile + "\x00\xff",
	}
	const n = 32 << 10
	for name, unit := range shapes {
		steps := func(size int) (int64, int) {
			file := strings.Repeat(unit, size/len(unit))
			body := "--b1\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" +
				lenientPNG + file + "\r\n--b1--\r\n"
			lim := Limits{MaxWork: 1 << 40, MaxParts: 1 << 20}.withDefaults()
			in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
			detect.ResetSteps()
			if _, err := in.multipart([]byte(body), "b1", 0); err != nil {
				t.Fatal(err)
			}
			return detect.Steps(), in.parts
		}
		a, pa := steps(n)
		b, pb := steps(8 * n)
		if float64(b) > 8.8*float64(a)+8*n {
			t.Errorf("%s: %d steps at 32 KiB, %d at 256 KiB: ×%.1f", name, a, b, float64(b)/float64(max(a, 1)))
		}
		if name == "pieces" && pb < 8*(pa-1) {
			t.Errorf("%s: %d pieces at 32 KiB, %d at 256 KiB: the pieces were not all read", name, pa, pb)
		}
		t.Logf("%s: %d steps, %d parts; %d steps, %d parts", name, a, pa, b, pb)
	}
}
