//go:build detectsteps

package detect_test

import "testing"

// TestStepsFix50Names is TestComplexityLinear and TestComplexityPerByte
// for the readings of fix50names, each piece repeated: an ID or a card
// before a control and a lone x (its own group), English labels of two
// words in underscores, full-width No. rooms after an address, and
// commerce phrases beside a mobile.
func TestStepsFix50Names(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"control then x":     "note 110105194912310021\bx 6228480402564890018\x01X 11010519491231002\x01\x01X ",
		"underscored labels": "__Full Name__: 张伟 __full name__：张伟 __a b c d e f__: ",
		"wide no rooms":      "地址：河南省郑州市金水区建设路917号3幢 Ｎｏ．２５０１\n",
		"commerce phrases":   "小区物业中心，13912345678\n13912345678 新鲜的水果\n",
	})
}
