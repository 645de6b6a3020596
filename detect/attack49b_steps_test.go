//go:build detectsteps

package detect_test

import "testing"

// TestStepsAttack49bTables is TestComplexityPerByte for crafted table
// shapes of attack pass 49b: many mobiles in one long row under a name
// header, short rows dense with mobiles, rows of empty cells, and long
// nicknames repeated.
func TestStepsAttack49bTables(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"long row":          "联系人,手机\n" + repeatStr("小叶,13912345678,", 40) + "\n",
		"dense rows":        "小叶,13912345678\n",
		"dense rows 2":      ",\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n,\n叶,13912345678,叶,13912345678,叶,13912345678,叶,13912345678\n",
		"pipes mobiles":     "|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n|\n" + repeatStr("叶|13912345678|", 12) + "\n",
		"one line mobiles":  "叶\t13912345678\t",
		"dense rows both":   "叶,13912345678,叶\n",
		"dense rows short":  "叶,13912345678\n",
		"nickname phrases":  "小叶子呀，13912345678\n孤单的旅人，13912345678\n阿亭亭玉立，13912345678\n",
	})
}

func repeatStr(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
