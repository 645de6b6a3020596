//go:build detectsteps

package detect_test

import "testing"

// TestStepsFix49Names is TestComplexityLinear and TestComplexityPerByte
// for the readings of attack pass 49: rows under a name column's header
// (tableNames carries the header forward), long
// nicknames with their particles (no name since fix50names), rooms in full-width
// after an address, unclosed emphasis after name labels and English
// labels in underscores, each piece repeated.
func TestStepsFix49Names(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"name column rows": "联系人,手机\n小叶,13912345678\n",
		"rows, no header":  "小叶,13912345678\n",
		"wide columns":     "a,b,c,d,e,f,g,h,联系人,手机\n,,,,,,,,小叶,13912345678\n",
		"long nicknames":   "小叶子呀，13912345678\n13912345678 孤单的旅人\n",
		"wide rooms":       "地址：河南省郑州市金水区建设路917号3幢 Ｒｍ．2501 ＃2501 **Room 2501*\n",
		"unclosed labels":  "姓名：**小亭 __name__: 张伟 _name_：",
	})
}
