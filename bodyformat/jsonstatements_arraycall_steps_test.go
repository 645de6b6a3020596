//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// TestComplexityArrayCallDocs checks that looking for the numbers of
// array calls (new Array(…), Array.of(…)) among a script's statements
// reads each byte a bounded number of times: calls that close, calls
// whose numbers never close, calls nested in the arguments of others,
// comments before each, other calls.
func TestComplexityArrayCallDocs(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		statementDocs(b)
		return nil, nil, false
	}, map[string]string{
		"calls":       "var mobile = new Array(138, 1234, 5678);\n",
		"of":          "x=Array.of(1,2,3);",
		"unclosed":    "x=Array(1,2,",
		"nested":      "x=Array(1,Array(2,",
		"comments":    "x = /* c */ new Array(1,",
		"other calls": "f(g(h(1,2),",
		"bare parens": "(((",
	})
	// one call whose numbers run on, never closed, then a document
	for name, shape := range map[string]func(k int) string{
		"long args": func(k int) string { return "var m = Array(" + strings.Repeat("1,", k) + "\n;{a: 1}\n" },
		"long new":  func(k int) string { return "var m = new Array(" + strings.Repeat("12, ", k) + "x);\n" },
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := []byte(shape(n / 3))
			resetReadingSteps()
			statementDocs(b)
			return readingSteps.Load()
		})
	}
}
