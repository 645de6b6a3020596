//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityLineScan checks that cutting a stream into lines looks at
// each byte at most once, whatever its strings, escapes and line breaks.
func TestComplexityLineScan(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		var ls lineScan
		for p := b; len(p) > 0; {
			e := ls.end(p)
			if e < 0 {
				break
			}
			p = p[e:]
		}
		return nil, nil, true
	}, map[string]string{
		"CR lines":         "{}\r",
		"U+2028 lines":     "{}\u2028",
		"U+2028 in string": `{"a":"` + "\u2028\u2029\u0085" + `"}`,
		"escapes":          `"\\\"\\`,
		"open string":      `"` + "\u2028",
		"blank CRs":        "\r",
	})
}
