package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix55Join writes the mobile m in groups of the lengths lens, the
// separators seps between them in turn (the last one repeated).
func fix55Join(m string, seps []string, lens ...int) string {
	var b strings.Builder
	at := 0
	for i, n := range lens {
		if i > 0 {
			b.WriteString(seps[min(i-1, len(seps)-1)])
		}
		b.WriteString(m[at : at+n])
		at += n
	}
	return b.String()
}

// fix55Kept checks that e leaves text byte for byte, with no finding.
func fix55Kept(t *testing.T, e *detect.Engine, text string) {
	t.Helper()
	if out, fs := e.Redact([]byte(text)); string(out) != text || len(fs) != 0 {
		t.Errorf("%q -> %q (%d findings): kept before", text, out, len(fs))
	}
}

// TestFix55WideSeparatorsFewGroups (fix55groups, issue #9 item 1): right
// after a mobile's label, a mobile in two or three groups set apart by a
// run of two or three spaces or by " - ", one spelling throughout
// (手机：13812  345678, 电话：1381 - 2345678, tel 1  320  6179318), is
// the mobile, as the same groups with one space are and as four groups
// or more so set apart were (groupSepSpelling): masked, counted once,
// stable, the text around kept. Without a label, with two spellings, or
// with a run of four spaces, the digits stay as written.
func TestFix55WideSeparatorsFewGroups(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 1))
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		for range 5 {
			m := synth.CNMobile(r)
			for _, sep := range []string{"  ", "   ", " - "} {
				for _, lens := range [][]int{{5, 6}, {6, 5}, {8, 3}, {4, 7}, {3, 4, 4}, {1, 3, 7}, {3, 5, 3}} {
					v := fix55Join(m, []string{sep}, lens...)
					for _, label := range []string{"手机：", "电话：", "tel ", "联系电话 "} {
						text := label + v + "，请回电"
						out := fix54Redacted(t, e, text, m, detect.CNMobile)
						if !strings.HasPrefix(out, label) || !strings.HasSuffix(out, "，请回电") {
							t.Errorf("%v: %q -> %q: the clean text around altered", style, text, out)
						}
					}
					if lens[1] != 4 { // 3-4-4 is a mobile's shape anywhere (mobileShape)
						fix55Kept(t, e, "编号："+v+"，已入库")
					}
				}
				fix55Kept(t, e, "手机："+fix55Join(m, []string{sep, " "}, 5, 3, 3)+"，已入库")
			}
			fix55Kept(t, e, "手机："+m[:5]+"    "+m[5:]+"，已入库")
		}
	}
}

// TestFix55ListedAfterWideGroups (fix55groups, issue #9 item 2): a
// mobile listed after a first one behind a mobile's label (手机：A 或 B)
// is read as one right behind the label also when A is itself written in
// groups set apart by a run of spaces, " - ", a tab, a no-break or
// ideographic space or a full-width hyphen (手机：139  57  20  48  16 或
// 138 57 20 48 16): reading back from B, listedNumberStart stopped at
// A's first wide separator, so B, in short groups only a label's reading
// finds, went out raw. Both are counted and masked; without a label both
// stay as written.
func TestFix55ListedAfterWideGroups(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	r := rand.New(rand.NewPCG(55, 2))
	for range 10 {
		a, b := synth.CNMobile(r), synth.CNMobile(r)
		for _, sep := range []string{"  ", "   ", " - ", "\t", "\u00a0", "\u3000", "－"} {
			for _, first := range []string{attack54cGroups(a, sep), fix55Join(a, []string{sep}, 5, 6), fix55Join(a, []string{sep}, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)} {
				for _, join := range []string{" 或 ", "，", "、", "; ", " 或者 "} {
					for _, second := range []string{attack54cGroups(b, " "), attack54cGroups(b, sep), fix55Join(b, []string{" "}, 3, 4, 4)} {
						text := "手机：" + first + join + second + "\n"
						out, fs := e.Redact([]byte(text))
						if d := digitsOnly(string(out)); strings.Contains(d, a[3:9]) || strings.Contains(d, b[3:9]) ||
							countCategory(fs, detect.CNMobile) != 2 || !strings.Contains(string(out), join) {
							t.Errorf("%q -> %q (%d findings): the listed mobile goes out raw", text, out, len(fs))
						}
					}
				}
			}
		}
		fix55Kept(t, e, "编号："+attack54cGroups(a, "  ")+" 或 "+attack54cGroups(b, " ")+"\n")
	}
}

// TestFix55MixedAndLongGroups (fix55groups, issue #9 item 3): right
// after a mobile's label, what a reader sees as one phone number is the
// mobile: groups set apart by spaces and hyphens of one character mixed
// (139 12-34 56 78, 138-1234 5678), a group of five digits or more among
// four groups or more (13912 34 56 78, 13 91234 56 78): masked, counted
// once, stable, the text around kept. Without a label, with a tab or a
// wide separator mixed with others (a table's cells, aligned columns),
// with one more group after the eleventh digit, or with a lone digit in
// the middle of three groups (138 1 2345678: how a byte-level reading
// shows a GB18030 four-byte code between digits, no mobile to its
// decoder; bodyformat/TestStrictGBKEveryGBKLabel), the digits stay.
func TestFix55MixedAndLongGroups(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 3))
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		for range 5 {
			m := synth.CNMobile(r)
			for _, c := range []struct {
				seps []string
				lens []int
			}{
				{[]string{" ", "-", " "}, []int{3, 2, 2, 2, 2}}, {[]string{"-", " "}, []int{2, 2, 2, 2, 3}},
				{[]string{" ", " ", "-"}, []int{3, 4, 1, 3}}, {[]string{"\u00a0", "－"}, []int{3, 2, 3, 3}},
				{[]string{" "}, []int{5, 2, 2, 2}}, {[]string{"-"}, []int{2, 5, 2, 2}}, {[]string{" ", "-"}, []int{1, 1, 5, 4}},
				{[]string{"\u3000"}, []int{3, 5, 1, 2}},
			} {
				v := fix55Join(m, c.seps, c.lens...)
				for _, label := range []string{"手机：", "tel ", "联系电话 "} {
					text := label + v + "，请回电"
					out := fix54Redacted(t, e, text, m, detect.CNMobile)
					if !strings.HasPrefix(out, label) || !strings.HasSuffix(out, "，请回电") {
						t.Errorf("%v: %q -> %q: the clean text around altered", style, text, out)
					}
				}
				fix55Kept(t, e, "编号："+v+"，已入库")
				if n := len(c.lens); n > 3 {
					last := c.seps[min(n-2, len(c.seps)-1)] // one more group, as the last was set apart
					fix55Kept(t, e, "手机："+v+last+"7，已入库")
				}
			}
			fix55Kept(t, e, "手机："+fix55Join(m, []string{"\t", " "}, 3, 2, 2, 2, 2)+"\n")
			fix55Kept(t, e, "手机："+fix55Join(m, []string{"  ", " "}, 3, 2, 2, 2, 2)+"\n")
			fix55Kept(t, e, "手机："+fix55Join(m, []string{" - ", "-"}, 2, 5, 2, 2)+"\n")
			fix55Kept(t, e, "手机："+fix55Join(m, []string{" "}, 3, 1, 7)+"\n")
			fix55Kept(t, e, "手机："+fix55Join(m, []string{"-"}, 4, 1, 6)+"\n")
		}
	}
}

// TestFix55PartlyMaskedNameRest (fix55groups, issue #9 item 4): behind a
// name label, a name another system masked in part shows one, two or
// three characters after its stars (姓名：***亭, 姓名：**亭, 姓名：*小亭,
// 姓名：**小亭, 姓名：***晓明明): the visible rest is starred with the
// stars under every mask style, the full one included (姓名：*小亭 was
// 姓名：*小* under the partial mask, 姓名：***亭 and 姓名：***晓明明 raw,
// every one raw under the full mask). The full mask's own output stays
// stable: a name whose value's end left such a rest after it (姓名：张伟*小亭,
// 姓名：欧阳娜娜小亭) is masked with the rest. What no name shows stays:
// this engine's partial mask (姓名：张**), a field word or gender (***男),
// a title (***先生), four characters or more, emphasis that closes.
func TestFix55PartlyMaskedNameRest(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 4))
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		for range 5 {
			name := []rune(synth.CNName(r))
			given := string(name[len(name)-1:])
			for _, c := range [][3]string{
				{"姓名：", "***" + given, ""}, {"姓名：", "**" + given, "，性别男"}, {"收件人：", "*" + given, "\n"},
				{"姓名：", "*小亭", ""}, {"| 联系人 | ", "**小亭", " |"}, {"姓名：", "***晓明明", "，电话：无"},
				{"姓名: ", "****若曦", " 已签收"},
			} {
				text := c[0] + c[1] + c[2]
				out := fix54Redacted(t, e, text, strings.TrimLeft(c[1], "*"), detect.CNName)
				if !strings.HasPrefix(out, c[0]) || !strings.HasSuffix(out, c[2]) {
					t.Errorf("%v: %q -> %q: the clean text around altered", style, text, out)
				}
			}
		}
		for _, text := range []string{"姓名：张伟*小亭", "姓名：欧阳娜娜小亭", "姓名：张伟**小", "联系人：王*若曦，电话：无"} {
			out, _ := e.Redact([]byte(text))
			if again, _ := e.Redact(out); string(again) != string(out) {
				t.Errorf("%v: %q -> %q, then %q: the mask's output read again", style, text, out, again)
			}
		}
		for _, text := range []string{
			"姓名：张**", "姓名：欧阳**", "姓名：***男", "联系人：**女", "姓名：***先生", "姓名：***小亭明明",
			"姓名 ***亭", "备注：*小亭", "姓名：*********亭",
		} {
			fix55Kept(t, e, text)
		}
	}
}
