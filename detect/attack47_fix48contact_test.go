package detect_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack47ContactSegmentCommerceWords (F1): an ordinary commerce or
// chat word standing beside a mobile in its own record (包邮，138…;
// 138… 秒回; Hello，138…) is no name: the mobile is masked, the word is
// kept byte for byte and no cn_name is counted.
func TestAttack47ContactSegmentCommerceWords(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 1))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for _, c := range []struct{ before, after string }{
		{"已发货，", ""},
		{"急租，", ""},
		{"包邮，", ""},
		{"退款，", ""},
		{"中国，", ""},
		{"VIP，", ""},
		{"Hello，", ""},
		{"Thanks，", ""},
		{"", " 包邮"},
		{"", " 秒回"},
		{"", " 可加微"},
		{"", " 同微信"},
		{"", " VIP"},
		{"", " Thanks"},
		{"", " hello"},
	} {
		m := synth.CNMobile(r)
		text := c.before + m + c.after
		out, fs := e.Redact([]byte(text))
		if hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(m)) ||
			!bytes.HasPrefix(out, []byte(c.before)) || !bytes.HasSuffix(out, []byte(c.after)) {
			t.Errorf("%q -> %q %v: want the mobile masked and the word kept", text, out, fs)
		}
	}
}

// TestAttack47ContactSegmentTableColumn (F1b): a two-column table of a
// word and a mobile (状态,手机 / 已发货,138…; 品牌,手机 / 小米,138…), the
// shape of every CSV export, has its first column's words taken as
// names beside a mobile (the comma is segment glue, the line a record):
// the column's words should be kept byte for byte, only the mobiles
// masked.
func TestAttack47ContactSegmentTableColumn(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 2))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for _, col := range []struct {
		header string
		words  []string
	}{
		{"状态", []string{"已发货", "待付款", "已完成"}},
		{"品牌", []string{"小米", "苹果"}},
		{"类别", []string{"家电"}},
		{"国家", []string{"中国"}},
	} {
		text, want := col.header+",手机", col.header+",手机"
		for _, w := range col.words {
			m := synth.CNMobile(r)
			text += "\n" + w + "," + m
			want += "\n" + w + ",[CN_MOBILE]"
		}
		if out, fs := e.Redact([]byte(text)); string(out) != want || hasCategory(fs, detect.CNName) {
			t.Errorf("%q\n -> %q\nwant %q", text, out, want)
		}
	}
}

// TestAttack47ContactSegmentMarkdown (F7): the contact record a reply
// writes as Markdown (a list item "- 小叶，138…", "1. ", a quote "> ", a
// table row "| 小叶 | 138… |", the name in bold or italics "**王小明**，
// 138…", "138…，**王小明**") has the mobile masked and the name beside it
// delivered raw, while the same record as a plain line has both masked.
func TestAttack47ContactSegmentMarkdown(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 3))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for _, name := range []string{"小叶", "王小明"} {
		m := synth.CNMobile(r)
		if out, _ := e.Redact([]byte(name + "，" + m)); bytes.Contains(out, []byte(name)) {
			t.Fatalf("baseline %q not masked: %q", name+"，"+m, out)
		}
		for _, text := range []string{
			"- " + name + "，" + m,
			"1. " + name + "，" + m,
			"> " + name + "，" + m,
			"| " + name + " | " + m + " |",
			"**" + name + "**，" + m,
			"*" + name + "*，" + m,
			"_" + name + "_，" + m,
			m + "，**" + name + "**",
			name + "，**" + m + "**",
			"- **" + name + "**，" + m,
		} {
			out, fs := e.Redact([]byte(text))
			if bytes.Contains(out, []byte(name)) || bytes.Contains(out, []byte(m)) || !hasCategory(fs, detect.CNName) {
				t.Errorf("%q -> %q: the name beside the mobile is delivered raw", text, out)
			}
		}
	}
}

// TestFix48ContactTableNameColumnMasked: the table reading of attack pass
// 47 (a CSV or Markdown row under a line with the same separator leaves a
// cell beside a mobile that starts with no surname) still masks a name
// column's names, surname first (王小明, 欧阳娜娜), whichever side of the
// mobile they stand, and a single row with no line before.
func TestFix48ContactTableNameColumnMasked(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 4))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for _, c := range []struct{ layout, name string }{
		{"姓名,手机\n%s,%m\n李娜,%m", "王小明"},
		{"手机,姓名\n%m,%s", "欧阳娜娜"},
		{"| 姓名 | 手机 |\n|---|---|\n| %s | %m |", "王小明"},
		{"%s,%m", "小叶"},
		{"联系人\t手机\n%s\t%m", "张伟"},
	} {
		text := ""
		for i := 0; i < len(c.layout); i++ {
			switch {
			case c.layout[i] == '%' && c.layout[i+1] == 's':
				text += c.name
				i++
			case c.layout[i] == '%' && c.layout[i+1] == 'm':
				text += synth.CNMobile(r)
				i++
			default:
				text += c.layout[i : i+1]
			}
		}
		out, fs := e.Redact([]byte(text))
		if bytes.Contains(out, []byte(c.name)) || !hasCategory(fs, detect.CNName) {
			t.Errorf("%q -> %q: a name column's name delivered raw", text, out)
		}
	}
}
