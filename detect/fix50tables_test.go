package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Fix pass 50 of attack pass 49b's name columns (F2, F3, F6): the header
// is found once and carried forward over its table's rows (tableNames).

// fix50Table returns a table of rows under head, each row made by row
// from a nickname and a new synthetic mobile, and the nicknames used.
func fix50Table(r *rand.Rand, head string, rows int, row func(nick, mobile string) string) (string, []string) {
	nicks := []string{"小叶", "小亭", "可乐", "糖糖", "小鱼儿", "小叶子呀", "Kitty"}
	var b strings.Builder
	b.WriteString(head)
	for i := range rows {
		b.WriteString(row(nicks[i%len(nicks)], synth.CNMobile(r)))
	}
	return b.String(), nicks
}

// TestFix50NameColumnAllRows (F2): every row of a long table under a
// name header has its contact masked, however far below the header (400
// rows, some 10 KiB), in CSV, Markdown and TSV; the header is kept byte
// for byte and one name is counted a row.
func TestFix50NameColumnAllRows(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 2))
	e := attack49bEngine()
	const rows = 400
	for _, style := range []struct {
		head string
		row  func(nick, mobile string) string
	}{
		{"联系人,手机\n", func(n, m string) string { return n + "," + m + "\n" }},
		{"| 联系人 | 手机 |\n| --- | --- |\n", func(n, m string) string { return "| " + n + " | " + m + " |\n" }},
		{"联系人\t手机\r\n", func(n, m string) string { return n + "\t" + m + "\r\n" }},
	} {
		text, nicks := fix50Table(r, style.head, rows, style.row)
		out, fs := fix49Redact(t, e, text)
		for _, nick := range nicks {
			if strings.Contains(out, nick) {
				t.Errorf("%q...: %q is left raw", text[:64], nick)
			}
		}
		if !strings.HasPrefix(out, style.head) {
			t.Errorf("%q...: the header is changed: %q", text[:64], out[:64])
		}
		if n := countCategory(fs, detect.CNName); n != rows {
			t.Errorf("%q...: %d names counted, want %d", text[:64], n, rows)
		}
	}
}

// countCategory counts the findings of category c.
func countCategory(fs []detect.Finding, c detect.Category) int {
	n := 0
	for _, f := range fs {
		if f.Category == c {
			n++
		}
	}
	return n
}

// TestFix50NameColumnShapes (F3): a leading 序号 column, a title line
// above the header, quoted cells, numbered name labels (联系人1, 联系人2)
// and a bold header are read as the plain two-column table is, and the
// clean cells (序号's numbers, the title) are kept byte for byte.
func TestFix50NameColumnShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 3))
	e := attack49bEngine()
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	for _, c := range []struct{ text, want string }{
		{"序号,联系人,手机\n1,小叶," + m1 + "\n2,可乐," + m2 + "\n",
			"序号,联系人,手机\n1,[CN_NAME],[CN_MOBILE]\n2,[CN_NAME],[CN_MOBILE]\n"},
		{"导出时间 2024-01-01, 共2条\n联系人,手机\n小叶," + m1 + "\n",
			"导出时间 2024-01-01, 共2条\n联系人,手机\n[CN_NAME],[CN_MOBILE]\n"},
		{"联系人,手机\n\"小叶\"," + m1 + "\n", "联系人,手机\n\"[CN_NAME]\",[CN_MOBILE]\n"},
		{"联系人1,手机1,联系人2,手机2\n小叶," + m1 + ",Kitty," + m2 + "\n",
			"联系人1,手机1,联系人2,手机2\n[CN_NAME],[CN_MOBILE],[CN_NAME],[CN_MOBILE]\n"},
		{"| **联系人** | **手机** |\n|---|---|\n| 糖糖 | " + m1 + " |\n",
			"| **联系人** | **手机** |\n|---|---|\n| [CN_NAME] | [CN_MOBILE] |\n"},
	} {
		if out, _ := fix49Redact(t, e, c.text); out != c.want {
			t.Errorf("%q -> %q, want %q", c.text, out, c.want)
		}
	}
}

// TestFix50TableEnds: the header is carried over its table only: a blank
// line, or a line of another shape, ends it, and the words after it are
// read as text again (可乐 after the blank line is a drink); a table of
// fields and values is no header however its first column reads (| 姓名
// | 张三 | is a row: 职业 and 教师 are kept); an English header's name
// column (| Name | Type |, name,version) holds fields and packages as
// often as people, and is read as before.
func TestFix50TableEnds(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 4))
	e := attack49bEngine()
	m := synth.CNMobile(r)
	for _, c := range []struct{ text, kept string }{
		{"联系人,手机\n小叶," + m + "\n\n可乐,雪碧,橙汁\n", "\n\n可乐,雪碧,橙汁\n"},
		{"联系人,手机\n小叶," + m + "\n今天天气不错\n可乐,雪碧\n", "\n今天天气不错\n可乐,雪碧\n"},
		{"| 字段 | 值 |\n| --- | --- |\n| 姓名 | 张三 |\n| 职业 | 教师 |\n| 手机 | " + m + " |\n", "| 职业 | 教师 |\n"},
		{"| Name | Type | 说明 |\n|---|---|---|\n| id | int | 主键 |\n| created_at | string | 创建时间 |\n电话 " + m, "| id | int | 主键 |\n| created_at |"},
		{"name,version\nlodash,4.17\nreact,18\n电话 " + m, "name,version\nlodash,4.17\nreact,18\n"},
	} {
		if out, _ := fix49Redact(t, e, c.text); !strings.Contains(out, c.kept) {
			t.Errorf("%q -> %q: %q is not kept", c.text, out, c.kept)
		}
	}
}

// TestFix50MaskStylesStable: a table redacted in any mask style and
// redacted again is unchanged: a cell a mask left ([CN_NAME], 小*,
// [CN_NAME_…], stars) is no name.
func TestFix50MaskStylesStable(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 7))
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskLabel, detect.MaskHash, detect.MaskFull} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		text, nicks := fix50Table(r, "| 联系人 | 手机 |\n|---|---|\n", 20, func(n, m string) string { return "| " + n + " | " + m + " |\n" })
		once, _ := e.Redact([]byte(text))
		twice, _ := e.Redact(once)
		if string(once) != string(twice) {
			t.Errorf("mask %q: %q -> %q -> %q", style, text, once, twice)
		}
		for _, nick := range nicks {
			if strings.Contains(string(once), nick) {
				t.Errorf("mask %q: %q -> %q: %q is left raw", style, text, once, nick)
			}
		}
	}
}
