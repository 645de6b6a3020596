package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix52NameColumnExportShapesAllRows (attack 50 F6): every row of an
// export in the shapes tableNames missed (a BOM before the header, ';'
// between cells, bare-CR and CRLF lines, qualified header labels, a
// full-width Latin name) has its nickname masked in every mask style,
// stable when redacted twice; the header and the commerce column (状态)
// are kept byte for byte, and one name is counted a row. (A tab between
// 联系人 and 状态 makes 状态 the label's value: open, see the threat
// model; the tab-separated shape is TestAttack50NameColumnExportShapes'.)
func TestFix52NameColumnExportShapesAllRows(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 1))
	const rows = 60
	for _, shape := range []struct{ name, head, sep, eol string }{
		{"BOM", "\ufeff联系人,状态,手机", ",", "\n"},
		{"BOM quoted CRLF", "\ufeff\"联系人\",\"状态\",\"手机\"", ",", "\r\n"},
		{"semicolons", "联系人;状态;手机", ";", "\n"},
		{"bare CR", "联系人,状态,手机", ",", "\r"},
		{"客户姓名", "序号,客户姓名,状态,手机", ",", "\n"},
		{"紧急联系人", "紧急联系人,状态,手机", ",", "\n"},
		{"姓名（必填）", "姓名（必填）,状态,手机(选填)", ",", "\n"},
		{"姓名 (必填)", "姓名 (必填);状态;手机", ";", "\n"},
		{"联系人：", "联系人：,状态：,手机：", ",", "\n"},
	} {
		for _, style := range []detect.MaskStyle{detect.MaskLabel, detect.MaskPartial, detect.MaskHash, detect.MaskFull} {
			e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
			nicks := []string{"小叶", "Kitty", "小叶子呀", "Ｋｉｔｔｙ", "糖糖", "Ｌｕｃｙ"}
			var b strings.Builder
			b.WriteString(shape.head + shape.eol)
			for i := range rows {
				if strings.HasPrefix(shape.head, "序号") {
					b.WriteString(string(rune('1'+i%9)) + shape.sep)
				}
				b.WriteString(nicks[i%len(nicks)] + shape.sep + "已发货" + shape.sep + synth.CNMobile(r) + shape.eol)
			}
			text := b.String()
			out, fs := fix49Redact(t, e, text)
			for _, nick := range nicks {
				if strings.Contains(out, nick) {
					t.Errorf("%s, mask %q: %q is left raw in %q", shape.name, style, nick, out)
				}
			}
			if !strings.HasPrefix(out, shape.head+shape.eol) || strings.Count(out, shape.sep+"已发货"+shape.sep) != rows {
				t.Errorf("%s, mask %q: %q -> %q: the header or the status column is changed", shape.name, style, text, out)
			}
			if n := countCategory(fs, detect.CNName); n != rows {
				t.Errorf("%s, mask %q: %d names counted, want %d", shape.name, style, n, rows)
			}
		}
	}
}

// TestFix52QualifiedHeaderNoNameColumn: a qualifier is read only before a
// person's label (姓名, …人) and holds no particle: 用户名 and 商户名 end
// in the label 户名 but head an account's or a shop's column, and 我是联系人
// or 他的联系人 in a line of prose heads no column. Their cells are kept
// byte for byte, the mobile masked.
func TestFix52QualifiedHeaderNoNameColumn(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 2))
	e := attack49bEngine()
	for _, c := range []struct{ head, cell string }{
		{"用户名,手机", "糖糖"},
		{"商户名,手机", "糖糖"},
		{"我是联系人,手机", "糖糖"},
		{"他的联系人,手机", "糖糖"},
		{"客户手机,备注", "糖糖"},
	} {
		m := synth.CNMobile(r)
		head, second, _ := strings.Cut(c.head, ",")
		text := head + "," + second + "\n" + c.cell + "," + m + "\n"
		if second == "备注" {
			text = head + "," + second + "\n" + m + "," + c.cell + "\n"
		}
		attack49bKept(t, e, text, m)
	}
}

// TestFix52SpacedLabelValueKept (attack 50 F8): a label word is still a
// labelled value after a colon (收件人：父亲，… and 收件人： 父亲), and
// a name after spaces (联系人  小叶) is still masked; only a label word
// set off by spaces alone is a header's next label.
func TestFix52SpacedLabelValueKept(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 3))
	e := attack49bEngine()
	for _, c := range []struct{ text, raw string }{
		{"收件人：父亲，电话：%m", "父亲"},
		{"收件人： 父亲，电话：%m", "父亲"},
		{"联系人  小叶，电话：%m", "小叶"},
		{"联系人\u3000小叶，电话：%m", "小叶"},
	} {
		m := synth.CNMobile(r)
		text := strings.Replace(c.text, "%m", m, 1)
		attack49bMasked(t, e, text, c.raw, m)
	}
}

// TestFix52SeparatorsInProseNoTable: ';' between the clauses of prose
// makes no table: a line with a name label cell is a header only when
// the rows under it have its cell count, and a row's cells under it are
// read as names only then. Two prose lines of different shapes keep
// every word but the mobile.
func TestFix52SeparatorsInProseNoTable(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 4))
	e := attack49bEngine()
	m := synth.CNMobile(r)
	text := "联系人;稍后回复\n今天下雨;明天晴;后天多云\n手机 " + m + "\n"
	attack49bKept(t, e, text, m)
}
