package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestOpenTail checks where a stream must hold back the end of what it has
// seen.
func TestOpenTail(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range []struct {
		text string
		open string // the held tail
	}{
		{"你好，世界。", ""},
		{"我的电话是 138 1234", "电话是 138 1234"}, // from the label
		{"请拨 138 1234", "138 1234"},
		{"see you in 1101", "1101"},
		{"hello world", ""},      // a plain word is not held
		{"电 138****5678", ""},    // nor what a mask kept
		{"电 ****13812", "13812"}, // more than a mask keeps
		{"写信给 zhang.san", "zhang.san"},
		{"写信给 zhang.san@exa", "zhang.san@exa"},
		{"手机：１３８", "手机：１３８"}, // a label near the end opens its value
		{"姓名：", "姓名："},
		{"姓名：张", "姓名：张"},
		{"句子结束了。", ""},
		{"ok.", "ok."},
		{"数字&#49;&#51;", "&#49;&#51;"},
	} {
		got := e.OpenTail([]byte(c.text))
		if held := c.text[got:]; held != c.open {
			t.Errorf("OpenTail(%q) holds %q, want %q", c.text, held, c.open)
		}
	}
	long := strings.Repeat("1", 1000)
	if got := e.OpenTail([]byte(long)); got < len(long)-128 {
		t.Errorf("OpenTail of a long run holds %d bytes, more than 128", len(long)-got)
	}
}
