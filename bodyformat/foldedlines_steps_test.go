//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityFoldedLines checks that the folded reading reads each
// byte once: runs of blanks that end in no break, breaks with no
// indentation after them and folds cost steps linear in the body.
func TestComplexityFoldedLines(t *testing.T) {
	readingLinear(t, decodeFoldedLines, map[string]string{
		"blanks no break": "                x",
		"folds":           "138 \n  ",
		"bare breaks":     "\n\n\r\n",
		"crlf folds":      "a\t\r\n\t",
		"one fold":        "\n ",
	})
}
