//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityFoldedLines checks that the folded reading reads each
// byte once, in both modes: runs of blanks that end in no break, breaks
// with no indentation after them, hard breaks and folds cost steps
// linear in the body.
func TestComplexityFoldedLines(t *testing.T) {
	shapes := map[string]string{
		"blanks no break": "                x",
		"folds":           "138 \n  ",
		"bare breaks":     "\n\n\r\n",
		"crlf folds":      "a\t\r\n\t",
		"one fold":        "\n ",
		"soft breaks":     "1\n2\n",
		"hard breaks":     "1  \n2",
		"blank lines":     "1\n   \n",
	}
	for _, mode := range []foldMode{foldIndented, foldSoft} {
		readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return decodeFoldedLines(b, mode) }, shapes)
	}
}
