//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// TestStepsControlEnds: the control-ends reading looks at each byte once
// and at minSplitRun characters a side of each run of controls at most
// (3 steps a byte for runs of 4 digits between NULs),
// whatever stands there: runs of digits just short of a split, runs that
// split, full-width digits, C1 controls, one control after another.
func TestStepsControlEnds(t *testing.T) {
	for _, unit := range []string{"1234\x00", "12345\x00", "\x00", "a\x01b", "１２３４５\u0085", "9\x12\x0b"} {
		steps := func(n int) int64 {
			text := []byte(strings.Repeat(unit, n/len(unit)+1)[:n])
			resetReadingSteps()
			decodeControlEnds(text)
			return readingSteps.Load()
		}
		small, large := steps(64<<10), steps(512<<10)
		t.Logf("%q: %d steps for 64 KiB, %d for 512 KiB", unit, small, large)
		if large > 4*512<<10 || float64(large) > 8.8*float64(small) {
			t.Errorf("%q: %d steps for 64 KiB, %d for 512 KiB: want linear, at most 4 a byte", unit, small, large)
		}
	}
}
