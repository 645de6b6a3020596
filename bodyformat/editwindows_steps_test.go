//go:build detectsteps

package bodyformat

import (
	"bytes"
	"strings"
	"testing"
)

// TestComplexityEditedWindows: reading the edits of a piece in windows
// (the groups built, their windows found) takes steps linear in the piece,
// whether the edits stand far apart, just within a group's reach of each
// other, or densely (no quiet stretch: the groups give up).
func TestComplexityEditedWindows(t *testing.T) {
	const num = " 0.13800138000e11 "
	// units that divide stepsUnit, so that 8 times the text holds 8 times
	// the edits
	pad := func(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }
	shapes := map[string]string{
		"far":    pad(pad("", 8000)+num, 16384), // (not at the start, where a group is cut short)
		"within": pad(num, 8192),
		// one gap just beyond a group's reach, one within it
		"just beyond": pad(pad(num, 2*editReach+40)+num, 16384),
		"near":        pad(num, 512),
		"dense":       pad(num+"12", 32),
		"percent":     pad("%31+", 4096),
		"lookalikes":  pad(" 138l2345678 ", 2048),
	}
	eng := testEngine(t)
	for name, unit := range shapes {
		steps := func(n int) int64 {
			text := bytes.Repeat([]byte(unit), n/len(unit))
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
			var e edits
			resetReadingSteps()
			if !numberEdits(text, &e) && !percentEdits(text, &e) && !lookalikeEdits(text, &e) {
				t.Fatalf("%s: no edits", name)
			}
			in.editedWindows(text, &e, new(readingBuf), &readingCharge{})
			return readingSteps.Load()
		}
		if large := stepsGrowLinearly(t, name, steps); large > 4*8*stepsUnit {
			t.Errorf("%s: %d steps for %d bytes, more than four a byte", name, large, 8*stepsUnit)
		}
	}
}
