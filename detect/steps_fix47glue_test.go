//go:build detectsteps

package detect_test

import "testing"

// TestStepsFix47Glue is TestComplexityLinear and TestComplexityPerByte for
// the glue read since attack pass 46 (fix47glue): stars before a value
// looked ahead for their closing run (closedAhead, up to 256 bytes), the
// label's emphasis closed after it, delimiter runs through invisible
// characters, spaces of any width and references, each piece repeated
// back to back with no closing run in reach.
func TestStepsFix47Glue(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"unclosed bold italic": "姓名：***王",
		"spaced stars":         "姓名：** 王 ",
		"bold labels":          "**姓名：** **地址**：__姓名__：`姓名`：",
		"invisible runs":       "姓名：*\u200b*\u200b*\u200b\u200b\u200b\u200b*",
		"glue spaces":          "姓名\u00a0\u2002\u202f\u3000&nbsp;&#8203;\u200b",
		"whole field":          "**地址：河南省郑州市金水区建设路917号",
	})
}

// TestStepsFix48Glue is TestStepsFix47Glue for the glue read since attack
// pass 47 (fix48glue): a colon in emphasis of its own, a value in a code
// span or struck through (closedAhead for backticks and tildes), and stars
// inside a labelled name (innerEmphasisAt, which reads the Han characters
// after them), each repeated back to back with no closing run in reach.
func TestStepsFix48Glue(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"colon emphasis":    "姓名**：**姓名** : *",
		"code span value":   "姓名：`若",
		"struck value":      "~~姓名~~：~~若",
		"inner stars":       "联系人：欧阳**娜娜娜娜娜娜娜娜",
		"inner stars close": "联系人：**欧阳**娜",
		"inner tildes":      "联系人：欧阳~~娜娜娜娜娜娜娜娜",
		"english colon":     "**Name** **:** Name**:**",
	})
}
