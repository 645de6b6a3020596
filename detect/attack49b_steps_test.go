//go:build detectsteps

package detect_test

import (
	"strings"
	"testing"
)

// TestStepsAttack49bTables is TestComplexityPerByte for crafted table
// shapes of attack pass 49b: many mobiles in one long row under a name
// header, short rows dense with mobiles, mobiles under many rows of empty
// cells, pipes, a tab-split line and long nicknames repeated. Measured on
// merge49: linear (×7.8 to ×8.02 for ×8 bytes), at most 33 steps a byte
// (dense rows, as TestStepsFix49Names's rows with no header).
func TestStepsAttack49bTables(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"long row":         "联系人,手机\n" + strings.Repeat("小叶,13912345678,", 40) + "\n",
		"dense rows":       "小叶,13912345678\n",
		"dense rows short": "叶,13912345678\n",
		"dense rows both":  "叶,13912345678,叶\n",
		"empty rows":       strings.Repeat(",\n", 120) + strings.Repeat("叶,13912345678,", 4) + "\n",
		"pipes mobiles":    strings.Repeat("|\n", 40) + strings.Repeat("叶|13912345678|", 12) + "\n",
		"one line mobiles": "叶\t13912345678\t",
		"nickname phrases": "小叶子呀，13912345678\n孤单的旅人，13912345678\n阿亭亭玉立，13912345678\n",
	})
}
