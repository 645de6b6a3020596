//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityDelimitedLabelledReading checks that the delimited
// reading of a value its name labels (every run taken as labelled) reads
// each byte a bounded number of times: runs of every length, each read.
func TestComplexityDelimitedLabelledReading(t *testing.T) {
	readingLinear(t, decodeDelimitedLabelled, map[string]string{
		"one a bar":   "1|",
		"tabs":        "138\t1234\t5678\t",
		"lines":       "138\r\n",
		"long groups": "12345678901234567890|",
		"padded runs": "1,",
		"ids":         "11010519900101123X\t",
	})
}

// TestComplexityPDFTopKey checks that pdfTopKey reads each byte of a
// dictionary a bounded number of times, whatever decoys it holds: keys
// repeated, nested dictionaries and arrays, strings and comments that
// spell the key.
func TestComplexityPDFTopKey(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		pdfTopKey(append([]byte("<< "), b...), "/N")
		return nil, nil, false
	}, map[string]string{
		"repeated":  "/N 1 ",
		"nested":    "/X << /N 1 >> ",
		"deep":      "<< /N ",
		"arrays":    "[/N 1 ",
		"strings":   "/X (/N (1)) ",
		"comments":  "% /N 1\n",
		"hex names": "/#4e 1 ",
	})
}
