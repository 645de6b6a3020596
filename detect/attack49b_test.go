package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Attack pass 49b against the fix49 readings of detect/ (long nicknames,
// name columns, unclosed emphasis after a name label, underscored English
// labels, wide rooms). Each test fails on merge49; see the report.

// attack49bEngine is the engine of the tests below: labels for masks.
func attack49bEngine() *detect.Engine {
	return detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
}

// attack49bKept fails the test when text loses any byte but the mobile's
// (the only personal data in it): the mobile is masked, the rest kept.
func attack49bKept(t *testing.T, e *detect.Engine, text, mobile string) {
	t.Helper()
	out, fs := fix49Redact(t, e, text)
	want := strings.Replace(text, mobile, "[CN_MOBILE]", 1)
	if out != want || hasCategory(fs, detect.CNName) {
		t.Errorf("%q -> %q, want %q: a word that names no one is masked as a name", text, out, want)
	}
}

// attack49bMasked fails the test when any of the raw values is left in
// the output of text, or no name is counted.
func attack49bMasked(t *testing.T, e *detect.Engine, text string, raws ...string) {
	t.Helper()
	out, fs := fix49Redact(t, e, text)
	for _, raw := range raws {
		if strings.Contains(out, raw) {
			t.Errorf("%q -> %q: %q is left raw", text, out, raw)
		}
	}
	if !hasCategory(fs, detect.CNName) {
		t.Errorf("%q -> %q: no name counted", text, out)
	}
}

// TestAttack49bLongNicknameCommerce (F1): a shop's, a service's or an
// ad's words of four to six Han characters beside a mobile are no
// nickname. longNickname takes any name-shaped segment after 小 or 阿
// (小区物业中心, 小儿推拿, 阿胶糕批发), any before a soft final
// (欢迎光临呀), any two name-shaped parts around 的 (新鲜的水果).
// main kept every one.
func TestAttack49bLongNicknameCommerce(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 0xb1))
	e := attack49bEngine()
	for _, phrase := range []string{
		"小米之家旗舰", "小区物业中心", "小学数学辅导", "小儿推拿", "小额贷款", "阿胶糕批发",
		"欢迎光临呀", "新鲜的水果", "优质的服务", "正宗的川菜",
	} {
		m := synth.CNMobile(r)
		attack49bKept(t, e, phrase+"，"+m, m)
		attack49bKept(t, e, m+" "+phrase, m)
	}
}

// TestAttack49bNameColumnFarRows (F4): every row of a CSV or Markdown
// export under a 联系人 header has its contact masked, not only the
// rows within maxTableLook (256) bytes of the header: nameColumn reads
// no further back, finds a data row as the table's first line and the
// nicknames of row 14 on pass raw (tableWord drops them as before).
func TestAttack49bNameColumnFarRows(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 0xb4))
	e := attack49bEngine()
	nicks := []string{"小叶", "小亭", "可乐", "糖糖", "小鱼儿", "小叶子呀"}
	for _, style := range []struct{ head, row string }{
		{"联系人,手机\n", "%s,%s\n"},
		{"| 联系人 | 手机 |\n| --- | --- |\n", "| %s | %s |\n"},
	} {
		var b strings.Builder
		b.WriteString(style.head)
		for i := range 40 {
			nick := nicks[i%len(nicks)]
			row := strings.Replace(strings.Replace(style.row, "%s", nick, 1), "%s", synth.CNMobile(r), 1)
			b.WriteString(row)
		}
		attack49bMasked(t, e, b.String(), nicks...)
	}
}

// TestAttack49bNameColumnShapes (F5): ordinary shapes of a contact
// export whose name column the header names are read as the first
// column of a two-column table is: a leading 序号 column, a title line
// holding a comma above the header, a quoted cell, two contacts a row,
// and a Latin nickname (Kitty: tablecolumn.go's own example) in the
// first column.
func TestAttack49bNameColumnShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 0xb5))
	e := attack49bEngine()
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	for _, text := range []string{
		"序号,联系人,手机\n1,小叶," + m1 + "\n2,可乐," + m2 + "\n",
		"导出时间 2024-01-01, 共2条\n联系人,手机\n小叶," + m1 + "\n可乐," + m2 + "\n",
		"联系人,手机\n\"小叶\"," + m1 + "\n\"可乐\"," + m2 + "\n",
		"联系人,手机,联系人,手机\n小叶," + m1 + ",可乐," + m2 + "\n",
	} {
		attack49bMasked(t, e, text, "小叶", "可乐", m1, m2)
	}
	for _, text := range []string{"联系人,手机\nKitty," + m1 + "\n", "| 联系人 | 手机 |\n| --- | --- |\n| Kitty | " + m1 + " |\n"} {
		attack49bMasked(t, e, text, "Kitty", m1)
	}
}

// TestAttack49bUnderscoredLabelVariants (F6): an English name label of
// two words in underscores (__Full Name__:) is read as its shorter forms
// are (full name:, __name__:). A Han label's value after three unclosed
// stars (姓名：***小亭) stays open: it is what a full mask writes of a
// value of three characters and what its end left (fix50names,
// TestFix50ThreeStarsMaskStable, docs/threat-model.md).
func TestAttack49bUnderscoredLabelVariants(t *testing.T) {
	e := attack49bEngine()
	for _, text := range []string{"__Full Name__: 张伟", "__full name__：张伟", "__FULL NAME__: 张伟"} {
		attack49bMasked(t, e, text, "张伟")
	}
}

// TestAttack49bWideNoRoom (F7): a room written No. in full-width
// letters (Ｎｏ．２５０１, Ｎｏ.2501) after an address is masked as No. 2501
// and Ｒｍ．２５０１ are.
func TestAttack49bWideNoRoom(t *testing.T) {
	e := attack49bEngine()
	for _, room := range []string{" Ｎｏ．２５０１", " Ｎｏ.2501", " Ｎｏ． 2501"} {
		text := "地址：河南省郑州市金水区建设路917号3幢" + room
		out, fs := fix49Redact(t, e, text)
		if strings.Contains(out, "2501") || strings.Contains(out, "２５０１") || !hasCategory(fs, detect.CNAddress) {
			t.Errorf("%q -> %q: the room number is left raw", text, out)
		}
	}
}

// TestAttack49bTabHeaderKept (F8, open on main too): the header of a
// TSV or a pipe table with no outer pipes (联系人\t手机) is no name: its
// 手机 cell is masked as one beside the first row's mobile.
func TestAttack49bTabHeaderKept(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 0xb8))
	e := attack49bEngine()
	for _, sep := range []string{"\t", " | "} {
		m := synth.CNMobile(r)
		text := "联系人" + sep + "手机\n小叶" + sep + m
		out, _ := fix49Redact(t, e, text)
		if !strings.HasPrefix(out, "联系人"+sep+"手机\n") {
			t.Errorf("%q -> %q: the header's cell is masked", text, out)
		}
	}
}

// TestAttack49bControlThenX (F9, open on main too): a whole resident ID
// or card number followed by a control and a lone x or X (note
// <ID>\bx, <card>\x01X) is found, as <ID>\bok is since fix49hidden:
// digitRun's uLetter case takes the x after 17 digits or more for an ID's
// check character across the control (uIgnore) before finish can set
// the letter apart, and the 19- or 20-character run matches nothing.
func TestAttack49bControlThenX(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 0xb9))
	e := attack49bEngine()
	for range 4 {
		id, card := synth.CNID18(r), synth.UnionPayCard(r)
		for _, tail := range []string{"\bx", "\x01X", "\x00x", "\x01\x01x"} {
			for _, v := range []struct {
				raw string
				cat detect.Category
			}{{id, detect.CNID}, {card, detect.BankCard}} {
				text := "note " + v.raw + tail
				out, fs := fix49Redact(t, e, text)
				if strings.Contains(out, v.raw) || !hasCategory(fs, v.cat) || !strings.HasSuffix(out, tail) {
					t.Errorf("%q -> %q: the number before a control and an x is left raw", text, out)
				}
			}
		}
	}
}
