package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// namesIn returns the text of the cn_name findings in text.
func namesIn(e *detect.Engine, text string) []string {
	var out []string
	for _, f := range e.Find([]byte(text)) {
		if f.Category == detect.CNName {
			out = append(out, text[f.Start:f.End])
		}
	}
	return out
}

// TestNamesBehindLabels checks that a Chinese label set off from its value
// is trusted for what follows it, whatever its shape, within bounds: up to
// punctuation, spaces, digits, another label or a field word, and not past
// a sentence's length.
func TestNamesBehindLabels(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	m := synth.CNMobile(seeded(11))
	for _, c := range []struct{ text, want string }{
		{"收货人：小荷", "小荷"},                // a given name alone
		{"姓名：萧明远，电话：" + m, "萧明远"},       // a surname once missing
		{"联系人：張文華", "張文華"},              // Traditional forms
		{"姓名：欧阳娜娜娜", "欧阳娜娜娜"},           // compound surname + three
		{"姓名：韩平洋子", "韩平洋子"},             // one-character surname + three
		{"收件人：安德烈·马尔科 " + m, "安德烈·马尔科"}, // transliterated
		{"收货人：林小青Amy，" + m, "林小青Amy"},   // mixed scripts
		{"姓名：萌\t性别：女", "萌"},             // one character, then a table cell
		{"姓名：孟  伟，电话", "孟  伟"},          // a form's padding inside a two-character name
		{"开户名：小荷 卡号：", "小荷"},            // a bank record's holder
		{"【收件人】小荷 " + m, "小荷"},          // a label in brackets
		{"“姓名”：“小荷”", "小荷"},             // in quotes
		{"姓名 小荷 性别 女", "小荷"},            // set off by spaces only
		{"联系人 都找不到了", ""},               // ... but a phrase is no name
		{"姓名小荷性别女", "小荷"},               // glued between two fields
		{"请填写真实姓名和联系方式", ""},            // a conjunction between two labels
		{"请填写姓名以及手机号", ""},
		{"姓名 | 年龄 | 性别", ""}, // a table's header row
		{"<tr><th>姓名</th><th>电话</th></tr>", ""},
		{"父亲：韩立新，电话：" + m, "韩立新"}, // a relative in a dossier
		{"收件人：父亲，电话：" + m, "父亲"},  // a label word as the whole value
		{"父亲节快乐", ""},
		{"用户名：xiaohe" + m[:3], ""},            // letters glued to a number spell no name
		{"姓名：小荷性别女", "小荷"},                    // a field word ends it
		{"姓名：小荷手机" + m, "小荷"},                 // a label ends it
		{"姓名：小荷" + m, "小荷"},                   // digits end it
		{"<td>姓名</td><td>秀子</td>", "秀子"},      // across markup
		{"姓名：未知", ""},                         // a field filled without a name
		{"联系人：请在下单时备注您的真实姓名和联系方式", ""},        // a sentence, not a name
		{"姓名：" + strings.Repeat("哈", 13), ""}, // longer than any name
		{"姓名：李**", ""},                        // a partial mask
		{"name: product_a", ""},               // an English label still needs a name's shape
	} {
		got := strings.Join(namesIn(e, c.text), "|")
		if got != c.want {
			t.Errorf("%q: names %q, want %q", c.text, got, c.want)
		}
	}
}

// TestNamesNextToFindings checks the strict shape of a name that only
// other personal data speaks for: right next to the finding (apart from it
// only by separators, the finding's label or a gender, bracketed or not),
// a surname and one to three characters, and no interjection, title,
// conjunction, bracketed emoticon code, place, ethnic group, administrative
// name or word that merely begins with a common one.
func TestNamesNextToFindings(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(12)
	for _, c := range []struct{ tmpl, want string }{
		{"张伟，{M}", "张伟"},
		{"{M} 张伟", "张伟"},
		{"張文華 {M}", "張文華"},
		{"张伟 电话：{M}", "张伟"},
		{"张伟 男 {M}", "张伟"},
		{"曹磊（女）{M}", "曹磊"},
		{"司马思(男) 电话：{M}", "司马思"},
		{"门卫（男）{M}", ""},
		{"安德烈·马尔科，{M}", "安德烈·马尔科"},
		{"哈哈，{M}", ""},
		{"哈哈哈。。。地址： {M}", ""},
		{"时尚无处不在喔[熊猫]，{M}", ""},
		{"[花心][花心] {M}", ""},
		{"董事长，{M}", ""},
		{"门卫 {M}", ""},
		{"但是，{M}", ""},
		{"那么 {M}", ""},
		{"纪念墙 {M}", ""},
		{"谢谢啦，{M}", ""},
		{"费城，{M}", ""},
		{"哈尔滨 {M}", ""},
		{"满族，{M}", ""},
		{"江苏省 苏州市 吴江区 {M}", ""},
		{"他在哪里呢，{M}", ""},
		{"有空约王小明吃饭，{M}", ""}, // a name inside a phrase is not next to the number
		{"金牛座，{M}", ""},
	} {
		text := strings.Replace(c.tmpl, "{M}", synth.CNMobile(r), 1)
		got := strings.Join(namesIn(e, text), "|")
		if got != c.want {
			t.Errorf("%q: names %q, want %q", text, got, c.want)
		}
	}
}

// TestNameWithGenderAndAge checks that "name, gender, age" is evidence
// for the name on its own, and "name, gender" next to other personal data.
func TestNameWithGenderAndAge(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(16)
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ text, want string }{
		{"韩立新，男，45岁，湖南人", "韩立新"},
		{"李四 女 三十二岁", "李四"},
		{"据报道，韩立新（男，45岁）", ""}, // not set off by separators alone: left to other evidence
		{"他们，男，45岁", ""},
		{"韩立新，45岁", ""}, // an age without a gender is no record
		{"2019年，男，45岁", ""},
		{"韩立新，男，1990年出生，身份证：" + id, "韩立新"}, // a gender, and other personal data nearby
		{"韩立新 女 手机 " + m, "韩立新"},
		{"韩立新，男，汉族", ""},     // a gender alone is not enough
		{"韩立新，男朋友，" + m, ""}, // a word, not a gender
		{"哈哈，男，" + m, ""},
	} {
		got := strings.Join(namesIn(e, c.text), "|")
		if got != c.want {
			t.Errorf("%q: names %q, want %q", c.text, got, c.want)
		}
	}
}
