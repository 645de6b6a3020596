//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// TestComplexityQueryPluses checks that reading the '+' of queries looks
// at each byte a bounded number of times: one long run full of '?' and
// '+', many short runs, a form's fields, quotes a query keeps and quotes
// that close it.
func TestComplexityQueryPluses(t *testing.T) {
	for name, unit := range map[string]string{
		"one run":    "?a+b",
		"short runs": "?+ ",
		"fields":     "k=v+w&",
		"no query":   "a+b ",
		"quoted":     "?'+\\<`\"", // quotes, '<' and backslashes a query keeps
		"closed":     "\"?+",      // each run closed by its opener
		"form quote": "k='v+w'&",
	} {
		steps := func(n int) int64 {
			text := []byte(strings.Repeat(unit, n/len(unit)))
			resetReadingSteps()
			queryPluses(text, func(int) {})
			return readingSteps.Load()
		}
		stepsGrowLinearly(t, name, steps)
	}
}
