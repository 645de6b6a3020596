//go:build detectsteps

package detect_test

import "testing"

// TestStepsAttack54cOpenQuoteRows: rows that fit the header as lines yet
// leave a quote open (lineOpensQuote), each followed by lines of the open
// cell, many quoted cells a row, repeated back to back: the steps stay
// linear.
func TestStepsAttack54cOpenQuoteRows(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"header, open row, remark line": "序号,联系人,手机,备注\n3,小叶,13912345678,\"备注\nxxxxxxxxxxxxxxxxxxxx\n",
		"open rows, remark lines":       "3,小叶,13912345678,\"备注\nxxxxxxxxxx\n",
		"quoted cells, last open":       "\"a\",\"b\",\"c\",\"d\n",
		"header then quotes everywhere": "联系人,备注,手机,x\n\"\"\",\"\"\",\"\"\",\"\n\"\n",
	})
}
