//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"
)

// TestStepsAttack45Gaps is TestComplexityLinear and TestComplexityPerByte
// for the gaps read since attack pass 45 (F5, F6): spaces and invisible
// characters between numbers and markers, Rm. rooms, stars between labels
// and values, each piece repeated back to back and glued to the next.
func TestStepsAttack45Gaps(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"invisibles before markers": "建设路917\u200b\u200c\u200d\u2060\ufeff\u00ad号3\u200b幢2501\u00ad室",
		"invisible runs":            "路1" + string(bytes.Repeat([]byte("\u200b"), 40)) + "号",
		"spaced markers":            "河南省 郑州市 金水区 建设路 917 号 3 幢 2501 室 ",
		"spaces and digits":         "路 1 2 3 4 5 6 7 8 9 号 ",
		"ideographic spaces":        "路\u30001\u3000\u3000号\u30003\u3000幢\u3000",
		"rooms":                     "号Rm.1Rm.2Apt. 3rm.",
		"stars after labels":        "姓名：**王小明**地址：*河南省郑州市金水区建设路917号***姓名*",
		"bold labels":               "**姓名**：**地址**：**",
		"stars":                     "姓名：*****************",
	})
}
