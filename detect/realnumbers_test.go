package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// findingsOf returns "category:text" of every finding in text.
func findingsOf(e *detect.Engine, text string) string {
	var out []string
	for _, f := range e.Find([]byte(text)) {
		out = append(out, string(f.Category)+":"+text[f.Start:f.End])
	}
	return strings.Join(out, "|")
}

// TestNumbersNextToChineseText checks numbers where real Chinese text
// meets them: a mobile followed by a word that starts with a numeral, a
// mobile grouped 4-4-3 behind its label, plates with several letters in
// the serial behind theirs, and table cells that are never stitched into
// one identifier.
func TestNumbersNextToChineseText(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(14)
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ text, want string }{
		{m + "四川省成都市", "cn_mobile:" + m},
		{m + "两个包裹", "cn_mobile:" + m},
		{"手机：" + m + "三楼", "cn_mobile:" + m},
		{"手机：" + synth.Grouped(m, " ", 4, 4, 3), "cn_mobile:" + synth.Grouped(m, " ", 4, 4, 3)},
		{"手机号：" + synth.Grouped(m, "-", 4, 4, 3), "cn_mobile:" + synth.Grouped(m, "-", 4, 4, 3)},
		{"编号 " + synth.Grouped(m, " ", 4, 4, 3), ""}, // no label: some other number
		{"车牌号：粤BABC12", "cn_plate:粤BABC12"},
		{"车牌：京A·AB1C2", "cn_plate:京A·AB1C2"},
		{"型号京ABCD1E", ""},
		{"身份证号：" + id[:6] + "\t" + id[6:14] + "\t" + id[14:], ""},
		{"身份证号：" + id[:14] + "\n" + id[14:], ""},
		{"name\tid\nexample\t" + id + "\n", "cn_id:" + id},
	} {
		if got := findingsOf(e, c.text); got != c.want {
			t.Errorf("%q: found %q, want %q", c.text, got, c.want)
		}
	}
}
