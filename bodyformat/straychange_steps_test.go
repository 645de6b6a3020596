//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStrayChangeInDigitDenseText: one percent escape in the middle of
// text dense with digits costs a window of the reading that decodes it,
// whatever the length of the text around it. Its window's edges once
// looked for a quiet stretch no further than readingReach and, finding
// none there, read the reading whole: a stray escape in a long body of
// figures (or of random bytes, where a quiet stretch stands thousands of
// bytes away) cost another pass over the body.
func TestStrayChangeInDigitDenseText(t *testing.T) {
	eng := testEngine(t)
	extra := func(n int) int64 {
		text := digitDense(n)
		// the middle of the block after the first quiet stretch past half
		// the text, between two of its units
		q := len(text)/2 + strings.Index(text[len(text)/2:], quiet)
		mid := q + 6*len(quiet) + len(unit)*(len(block)/len(unit)/2)
		steps := func(s string) int64 {
			lim := Limits{}.withDefaults()
			in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
			detect.ResetSteps()
			in.find([]byte(s), 0)
			return detect.Steps()
		}
		with := text[:mid] + "%2C" + text[mid:]
		return steps(with) - steps(text)
	}
	small, large := extra(64<<10), extra(512<<10)
	t.Logf("a stray escape costs %d engine steps in 64 KiB, %d in 512 KiB", small, large)
	if large > small+small/4+4096 {
		t.Errorf("a stray escape costs %d engine steps in 64 KiB but %d in 512 KiB: it is read with the text around it", small, large)
	}
}
