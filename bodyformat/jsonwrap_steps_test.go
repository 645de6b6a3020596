//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityWrapperReading checks that finding a wrapped document
// (findWrapping, as a page's script blocks are looked at too) reads each
// byte a bounded number of times on shapes built against it: comments
// that start the body one after another, comments that never close, the
// string literal of a JSON.parse that never closes, escapes in it,
// brackets everywhere.
func TestComplexityWrapperReading(t *testing.T) {
	look := func(b []byte) ([]byte, []int32, bool) {
		scriptDocument(b)
		return nil, nil, false
	}
	readingLinear(t, look, map[string]string{
		"block comments": "/* [ */ ",
		"line comments":  "// {\n",
		"open comment":   "/*/*",
		"secure":         "/*-secure-",
		"parsed literal": "JSON.parse('{",
		"escapes":        `\'\\`,
		"template":       "JSON.parse(`[$",
		"brackets":       "[{]}",
		"arguments":      "cb({}, ",
	})
	// a JSON.parse literal that never closes, its content built against
	// the scan that looks for its end
	for _, open := range []string{"x = JSON.parse('{", "x = JSON.parse(`["} {
		inLiteral := func(b []byte) ([]byte, []int32, bool) {
			scriptDocument(append([]byte(open), b...))
			return nil, nil, false
		}
		readingLinear(t, inLiteral, map[string]string{
			"escapes":  `\'\\`,
			"text":     `"a":1,`,
			"dollars":  "$[{",
			"brackets": "]})",
		})
	}
}
