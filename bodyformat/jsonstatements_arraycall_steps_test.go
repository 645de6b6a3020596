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
		// the spellings of the call and of its numbers
		"callees":       "x=window['Array'](1,",
		"globals":       "x=new globalThis.Array(",
		"optional":      "x=(Array)?.of?.(",
		"this":          "x=Array.of.call(null,",
		"apply":         "x=Array.apply(null,[1,",
		"spread":        "x=Array(...[1,(2),",
		"concat":        "x=[].concat(1_0,",
		"keyed calls":   "a:Array(",
		"keyed lists":   "a:[(1),",
		"tolerant":      "x=Array(+(1) /* [ */,\u3000",
		"open comment":  "x=Array(1 /*",
		"line comment":  "x=[1 // [\n",
		"literals":      "x=[1.0,(2),3,];",
		"unclosed list": "x=[(1),",
	})
	// one call whose numbers run on, never closed, then a document
	for name, shape := range map[string]func(k int) string{
		"long args": func(k int) string { return "var m = Array(" + strings.Repeat("1,", k) + "\n;{a: 1}\n" },
		"long new":  func(k int) string { return "var m = new Array(" + strings.Repeat("12, ", k) + "x);\n" },
		"long list": func(k int) string { return "var m = [" + strings.Repeat("(1_2), ", k) + "x];\n" },
		"long comment": func(k int) string {
			return "var m = Array(1, /*" + strings.Repeat("Array(1, /*", k) + "\n"
		},
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := []byte(shape(n / 3))
			resetReadingSteps()
			statementDocs(b)
			return readingSteps.Load()
		})
	}
}
