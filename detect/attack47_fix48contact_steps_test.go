//go:build detectsteps

package detect_test

import "testing"

// TestStepsContactSegmentMarkdownTables is TestStepsContactSegments for
// the Markdown and table readings of contact segments (attack pass 47):
// list and quote marks, emphasis and pipes around segments and mobiles,
// rows under a header (each mobile reads the line before, bounded),
// cells of a long line glued by commas, marks with no record start.
func TestStepsContactSegmentMarkdownTables(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"list items":     "- **小叶**，13912345678\n1. 王小明，**13912345678**\n> 13912345678，_小叶_\n",
		"table rows":     "| 小叶 | 13912345678 |\n",
		"csv rows":       "状态,手机\n已发货,13912345678\n王小明,13912345678\n",
		"csv one line":   "小米,13912345678,",
		"long header":    "a,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n小米,13912345678\n",
		"marks only":     "- > - > **__~~ |13912345678| ~~__** > - ",
		"numbers":        "123456789. 小叶，13912345678 1234567890. ",
		"pipes and bold": "|**|**|13912345678|**|**|",
	})
}
