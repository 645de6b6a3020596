//go:build detectsteps

package detect_test

import (
	"strings"
	"testing"
)

// TestStepsFix54Mobile is TestComplexityLinear and TestComplexityPerByte
// for what fix54mobile reads: a mobile's label before ten one-digit groups
// a twelfth digit or a second separator kind spoils (each read eleven
// digits at most), tab-grouped mobiles whose masks keep the tabs, and a
// name label before star runs and Han characters (maskedNameEnd reads
// maxMaskedNameStars+1 stars and three Han characters at most), each piece
// repeated back to back.
func TestStepsFix54Mobile(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"one-digit groups":   "手机：1 3 9 1 2 3 4 5 6 7 ",
		"group after":        "tel 13 91 23 45 67 8 9 ",
		"mixed separators":   "手机：139 12-34 56 78 9-",
		"tabbed masks":       "手机\t139\t1234\t5678\t",
		"bars in a cell":     "| 手机 | 1391|2345678 |",
		"star runs":          "姓名：" + strings.Repeat("*", 12) + "小亭亭",
		"masked names":       "姓名：***小亭，",
		"labels and stars":   "姓名：***姓名：***",
		"groups without end": "手机：" + strings.Repeat("1 ", 40),
	})
}
