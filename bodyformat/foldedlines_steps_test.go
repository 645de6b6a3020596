//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityFoldedLines checks that the folded reading reads each
// byte once, in every mode: runs of blanks that end in no break, breaks
// with no indentation after them, hard breaks and folds cost steps
// linear in the body; under foldKeyed each line is read once more to
// know whether it opens a scalar.
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
		"key lines":       "a: 1\n  2\n",
		"heading columns": "a:\n  1\n",
		"colons":          "a:b:c:d",
		"other breaks":    "1\r \u0085 2\u2028 3\u2029",
	}
	for _, mode := range []foldMode{foldIndented, foldSoft, foldKeyed} {
		readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return decodeFoldedLines(b, mode) }, shapes)
	}
}
