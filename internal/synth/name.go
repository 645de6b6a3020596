package synth

import (
	"math/rand/v2"
	"strings"
)

// Surnames are common single-character surnames.
var Surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",
	"杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚",
}

// CompoundSurnames are two-character surnames.
var CompoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "慕容", "令狐", "公孙"}

// givenChars are common given-name characters. Numerals, radio-reading
// digits and characters that form everyday words after a common surname
// (王国, 高兴, 黄金, 马上, 方法 …) are left out.
var givenChars = []string{
	"伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊",
	"军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞", "刚",
	"桂", "兰", "萍", "燕", "鹏", "辉", "玲", "婷", "斌", "宇",
	"浩", "凯", "健", "俊", "帆", "帅", "旭", "琳", "欣", "怡",
	"晨", "昊", "博", "瑶", "梓", "涵", "萱", "睿", "轩", "诗",
	"嘉", "思", "晓", "志", "鸿", "婉", "鑫", "雯", "彤", "蕾",
}

// commonWords are two-character words a name generator must not produce.
var commonWords = map[string]bool{"高兴": true, "方法": true, "黄金": true, "王国": true, "高超": true, "高强": true}

// CNName returns a person's name: a surname (sometimes compound) and one or
// two given-name characters.
func CNName(r *rand.Rand) string {
	s, g := CNNameParts(r)
	return s + g
}

// CNNameParts returns the surname and the given name of a generated name.
func CNNameParts(r *rand.Rand) (surname, given string) {
	for {
		if r.IntN(8) == 0 {
			surname = pick(r, CompoundSurnames)
		} else {
			surname = pick(r, Surnames)
		}
		var b strings.Builder
		for range between(r, 1, 2) {
			b.WriteString(pick(r, givenChars))
		}
		given = b.String()
		if !commonWords[surname+given] && !commonWords[given] {
			return surname, given
		}
	}
}

// nameFieldFillers fill a name field without naming anyone: what a form
// leaves (未填写, 保密, 匿名) and the role or relation written instead of
// a name (联系人：店长, 收件人：前台, 紧急联系人：妈妈).
var nameFieldFillers = []string{
	"无", "未知", "不详", "未填写", "保密", "匿名", "暂无", "待定", "同上", "本人",
	"店长", "经理", "前台", "客服", "门卫", "保安", "董事长", "总经理", "老板", "财务",
	"妈妈", "爸爸", "老公", "老婆", "家人", "物业", "快递员", "房东",
}

// CNNameFiller returns a word that fills a name field without naming
// anyone: a placeholder or a role.
func CNNameFiller(r *rand.Rand) string { return pick(r, nameFieldFillers) }

// translitChars are characters Chinese writes foreign names with.
var translitChars = []rune("阿埃艾安奥巴贝比波布达德迪多杜尔菲弗格哈赫霍吉加杰卡凯克库拉莱兰劳勒雷里利林琳罗洛马迈曼梅米莫姆纳娜尼诺帕佩皮普乔萨塞森斯索塔特汀托瓦威维沃翁西希谢雅亚伊约扎泽兹")

// CNNameTransliterated returns a foreign name written in Chinese, its
// given name and surname joined by a middle dot (迈克尔·翁达杰).
func CNNameTransliterated(r *rand.Rand) string {
	part := func() string {
		var b strings.Builder
		for range between(r, 2, 4) {
			b.WriteRune(pick(r, translitChars))
		}
		return b.String()
	}
	return part() + pick(r, []string{"·", "•"}) + part()
}

// RareSurnames are single-character surnames outside the hundred most
// common, as real records carry them (傅, 洪, 阎, 萧, 赖 …).
var RareSurnames = []string{
	"傅", "洪", "阎", "萧", "赖", "龚", "邱", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤",
	"尹", "黎", "易", "武", "乔", "贺", "庞", "樊", "殷", "施", "陶", "翟", "颜", "倪", "严", "牛",
	"温", "季", "俞", "章", "鲁", "葛", "伍", "韦", "申", "尤", "毕", "聂", "焦", "柳", "邢", "岳",
	"梅", "莫", "庄", "辛", "管", "祝", "左", "涂", "谷", "祁", "舒", "耿", "詹", "苗", "凌", "费",
	"纪", "靳", "盛", "童", "甄", "项", "曲", "游", "裴", "席", "卫", "屈", "鲍", "覃", "霍", "翁",
	"隋", "甘", "景", "单", "包", "柏", "宁", "柯", "阮", "桂", "闵", "柴", "车", "冉", "房", "边",
	"辜", "吉", "饶", "刁", "瞿", "戚", "丘", "米", "池", "滕", "邬", "臧", "宫", "苟", "褚", "廉",
	"简", "娄", "符", "奚", "穆", "党", "郎", "邸", "冀", "谈", "姬", "屠", "连", "郜", "晏", "栾",
	"郁", "蒙", "喻", "窦", "敖", "冷", "卓", "仇", "艾", "蓝", "巩", "仲", "虞", "卞", "竺", "冼",
	"佟", "栗", "匡", "巫", "鞠", "荆", "谌", "岑", "胥", "蔺", "缪", "薄", "牟", "雍", "蒲", "芮",
}

// CNNameRare returns a name with a surname of RareSurnames and one or two
// given-name characters.
func CNNameRare(r *rand.Rand) string {
	for {
		_, g := CNNameParts(r)
		s := pick(r, RareSurnames)
		if !commonWords[s+g] {
			return s + g
		}
	}
}
