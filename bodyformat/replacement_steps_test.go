//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityReplacementReading checks that reading invalid UTF-8 as
// U+FFFD looks at each byte a bounded number of times: lone invalid
// bytes, sequences cut short at every length, valid text between them.
func TestComplexityReplacementReading(t *testing.T) {
	readingLinear(t, decodeReplacement, map[string]string{
		"lone bytes":   "1\xff",
		"continuation": "\x80",
		"cut two":      "\xe4\xbd1",
		"cut three":    "\xf0\x9f\x981",
		"surrogates":   "\xed\xa0\x80",
		"valid among":  "身1\xc0",
	})
}
