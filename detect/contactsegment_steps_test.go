//go:build detectsteps

package detect_test

import "testing"

// TestStepsContactSegments is TestComplexityLinear and
// TestComplexityPerByte for contact segments (contactsegment.go): records
// of a handle and a mobile back to back, segments as long as one may be
// or longer, invisible characters inside them, mobiles glued to one
// another by separators with no record start, each piece repeated.
func TestStepsContactSegments(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"records":         "林小萱Sandy，13912345678\n13912345678 V_Jessie\n",
		"semicolons":      "小叶同学，13912345678；",
		"long segments":   "abcdefghijklmnopqrstuvwxyz，13912345678\n",
		"six Han":         "猪猪咸蛋超人，13912345678\n13912345678 猪猪咸蛋超人\n",
		"invisibles":      "小\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b叶，13912345678\n",
		"no record start": "好的 a，13912345678，b，13912345678 c ",
		"mobiles glued":   "13912345678，13912345678 ",
		"ASCII only":      "kitty,13912345678;",
		"JSON values":     `{"a":"kitty，13912345678","b":"13912345678 Rick"}`,
		"marks":           "_-_-_-_-丶丶丶·，13912345678\n",
	})
}
