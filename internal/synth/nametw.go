package synth

import (
	"math/rand/v2"
	"strings"
)

// traditional maps the Simplified characters of Surnames, CompoundSurnames
// and givenChars that have another Traditional form to it; the others are
// written the same.
var traditional = strings.NewReplacer(
	"张", "張", "刘", "劉", "陈", "陳", "杨", "楊", "黄", "黃", "赵", "趙", "吴", "吳",
	"孙", "孫", "马", "馬", "罗", "羅", "郑", "鄭", "谢", "謝", "许", "許",
	"韩", "韓", "冯", "馮", "邓", "鄧", "蒋", "蔣", "叶", "葉", "苏", "蘇", "吕", "呂",
	"欧", "歐", "阳", "陽", "诸", "諸", "东", "東", "迟", "遲",
	"伟", "偉", "丽", "麗", "强", "強", "军", "軍", "艳", "艷", "杰", "傑", "涛", "濤",
	"刚", "剛", "兰", "蘭", "鹏", "鵬", "辉", "輝", "凯", "凱", "帅", "帥", "瑶", "瑤",
	"轩", "軒", "诗", "詩", "晓", "曉", "鸿", "鴻", "静", "靜", "萧", "蕭",
)

// CNNameTraditional returns a person's name as CNName makes it, written in
// Traditional characters (張偉, 歐陽曉軒), as Hong Kong, Macau and Taiwan
// write it.
func CNNameTraditional(r *rand.Rand) string {
	s, g := CNNameParts(r)
	return traditional.Replace(s + g)
}
