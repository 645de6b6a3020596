//go:build detectsteps

package detect_test

import "testing"

// TestStepsFix55Groups: labelled mobiles in two or three groups set off
// by wide separators, in groups with mixed separators or long groups
// (mobileGroupsAt, groupAfter), and numbers listed after a first
// one in wide groups, read back over by listedNumberStart (groupSepBefore:
// at most maxListedValue bytes a number, maxListedMobiles numbers), runs
// of spaces one too long, numbers too long to be listed, repeated back
// to back: the steps stay linear.
func TestStepsFix55Groups(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"wide few groups":  "手机：13812  345678 电话：1381 - 2345678 tel 1   320   6179318 ",
		"too wide":         "手机：13812    345678，",
		"listed wide":      "手机：139  57  20  48  16 或 138 57 20 48 16，138 - 57 - 20 - 48 - 16、",
		"long wide runs":   "手机：1  2  3  4  5  6  7  8  9  0  1  2  3  4  5  6  7  8  9 或 1 ",
		"separators only":  "手机：1 - - - - - - - - - - - - - 或 1\u3000\u3000\u3000－－－，1 ",
		"mixed, long":      "手机：139 12-34 56 78-9 tel 13912 34 56 78 电话：138 1 2345678 手机：1 3-9 1 2-3 4 5-6 7 8 9 ",
		"spaced dash list": "手机：1 - 3 - 9 - 5 - 7 - 2 - 0 - 4 - 8 - 1 - 6 或 1 - 3 - 9 - 5 - 7 - 2 - 0 - 4 - 8 - 1 - 6；",
	})
}

// TestStepsFix55MaskedNames: partly masked names behind their label with
// one to three visible characters, runs of one or two stars (read back
// over by maskedNameInGlue, at most maxMaskedNameStars), runs too long,
// rests too long, names with stars glued after them, repeated back to
// back: each is read a bounded number of bytes, the steps stay linear.
func TestStepsFix55MaskedNames(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"visible rests": "姓名：*小亭，姓名：**亭 姓名：***晓明明\n",
		"long runs":     "姓名：*********亭 姓名：*小亭明明明明明\n",
		"stars after":   "姓名：张伟*小亭 姓名：欧阳娜娜**小 联系人：王*若曦，",
		"stars only":    "姓名：**************************************************\n",
		"labels, stars": "姓名：*姓名：**姓名：***姓名：*",
	})
}
