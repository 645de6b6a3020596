//go:build detectsteps

package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityNestedHidden checks that matching a hidden element's end
// tag (hiddenClose) across nested elements of its name stays linear:
// hidden spans nested and never closed, nested and closed, back to back
// with a hidden one inside each, and holding comments, scripts and CDATA
// (closed or not) with end tags in them. The reading steps and the engine's
// for 8n bytes are at most 8.8 times those for n, plus a step a byte.
func TestComplexityNestedHidden(t *testing.T) {
	eng := testEngine(t)
	shapes := map[string]func(n int) []byte{
		"unclosed": func(n int) []byte { return []byte("138" + repeatTo(n, "<span hidden>1")) },
		"nested": func(n int) []byte {
			return []byte("138" + repeatTo(n/2, "<span hidden>1") + repeatTo(n/2, "</span>") + "12345678")
		},
		"pairs": func(n int) []byte { return []byte(repeatTo(n, "1<span hidden><span hidden>9</span>9</span>")) },
		// markup the tokenizer reads as no tag, passed over whole
		"fake ends": func(n int) []byte {
			return []byte("138<span hidden>" + repeatTo(n, `<!-- </span> -->1<script>"</span>"</script><a title="</span>">`))
		},
		"open comments": func(n int) []byte { return []byte(repeatTo(n, "1<span hidden><!--1")) },
		"open scripts":  func(n int) []byte { return []byte(repeatTo(n, "1<span hidden><script>1</scrip")) },
		"foreign":       func(n int) []byte { return []byte(repeatTo(n, "1<span hidden><svg><![CDATA[1</span>")) },
	}
	for name, gen := range shapes {
		steps := func(n int) (reading, engine int64) {
			detect.ResetSteps()
			resetReadingSteps()
			if _, err := Inspect(eng, gen(n), "text/html", "", Redact, Limits{}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return readingSteps.Load(), detect.Steps()
		}
		const n = 32 << 10
		rs, es := steps(n)
		rl, el := steps(8 * n)
		t.Logf("%s: %.2f reading, %.2f engine steps a byte at 256 KiB", name, float64(rl)/(8*n), float64(el)/(8*n))
		if rl == 0 {
			t.Errorf("%s: no reading step counted", name)
		}
		if float64(rl) > 8.8*float64(rs)+8*n || float64(el) > 8.8*float64(es)+8*n || float64(el)/(8*n) > maxEngineStepsPerByte {
			t.Errorf("%s: reading %d → %d, engine %d → %d steps from 32 KiB to 256 KiB", name, rs, rl, es, el)
		}
	}
}
