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

// TestStepsAttack54cWideGroupSeparators: labelled short groups set off by
// runs of spaces or " - " (groupSepSpelling), runs one space too long,
// spellings that change mid-number, repeated back to back: each value is
// read a bounded number of bytes, the steps stay linear.
func TestStepsAttack54cWideGroupSeparators(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"spaces":         "手机：139  57  20  48  16 ",
		"too many":       "手机：139    57    20    48    16 ",
		"spaced dashes":  "手机：1 - 3 - 9 - 5 - 7 - 2 - 0 - 4 - 8 - 1 - 6 - 1 - ",
		"mixed":          "手机：13   9 - 57  20 48\t16 或 1 3  9 ",
		"list of groups": "手机：139 5720 4816 或 138 57 20 48 17、138  57  20  48  17；",
	})
}

// TestStepsAttack54cListedMobiles: numbers after list joiners behind a
// mobile's label (mobileListBefore reads back at most maxListedMobiles
// joiners and numbers), short numbers, long ones, joiners of every kind,
// repeated back to back: the steps stay linear.
func TestStepsAttack54cListedMobiles(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"short numbers": "手机：1 或 1，1、1; 1/1 和 1或者1，",
		"long numbers":  "手机：1 2 3 4 5 6 7 8 9 0 1 2 3，1-2-3-4-5-6-7-8-9-0-1-2-3、",
		"groups listed": "手机：139 5720 4816 或 138 57 20 48 17，138 57 20 48 17、",
		"no label":      "1，2，3，4，5，6，7，8，",
	})
}
