//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityFlatControls checks that setting apart the control bytes
// of a binary framing's flat text looks at each byte a bounded number of
// times: controls alone, C1 controls, kept escape sequences, none at all.
func TestComplexityFlatControls(t *testing.T) {
	flat := func(b []byte) ([]byte, []int32, bool) { return flatControls(b), nil, true }
	readingLinear(t, flat, map[string]string{
		"controls": "1\x12\x06",
		"c1":       "\u009b2",
		"escapes":  "\x1b[0m",
		"none":     "abc 123 ",
		"lone c2":  "\xc2",
		"white":    "\t\r\n\x00",
	})
}
