//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityBase64Stripped checks that reading base64 tokens with
// their '-', '_' and '.' dropped (strippedFindings) copies each token
// once, and pieces joined across a '*' are joined once: tokens cut in short pieces, hyphenated words and one long token
// of pieces cost steps linear in the body.
func TestComplexityBase64Stripped(t *testing.T) {
	eng := testEngine(t)
	read := func(b []byte) ([]byte, []int32, bool) {
		in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
		in.readBase64(b, 0, allSamples)
		return nil, nil, false
	}
	readingLinearWithin(t, read, map[string]string{
		"short pieces": "token=MTM3-NTc0-NzQw-NzY= ",
		"dotted":       "MTM3NTc0.NzQwNzY= ",
		"words":        "Content-Security-Policy-Report-Only ",
		"one token":    "MTM3-NTc0_",
		"starred":      "MTM3NTc0*NzQw*",
		"stars":        "Ab1**",
	}, base64StepsPerByte)
}
