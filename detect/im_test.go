package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A WeChat ID of letters alone is found behind a Chinese label set off by
// a colon or naming the number, and left alone after an English label or
// after 微信 running into the sentence.
func TestWeChatIDOfLetters(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf("wechat letters"))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for range 100 {
		b := make([]byte, 6+r.IntN(15))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		id := string(b)
		for _, c := range []struct{ text, want string }{
			{"微信：" + id, "wechat:" + id},
			{"微信: " + id + "，电话见下", "wechat:" + id},
			{"微信号 " + id, "wechat:" + id},
			{"微信號：" + id, "wechat:" + id},
			{"wechat: " + id, ""},
			{"微信 " + id, ""},
			{"微信：" + id + strings.Repeat("q", 21-len(id)), ""}, // longer than 20 characters
		} {
			if got := findingsOf(e, c.text); got != c.want {
				t.Errorf("%q: got %q, want %q", c.text, got, c.want)
			}
		}
	}
}

// A QQ number behind its label is found with one separator after each
// digit, as every number is; two numbers apart, or fewer than five digits,
// are not one QQ number.
func TestQQOneSeparatorPerDigit(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("im")})
	for _, c := range []struct{ text, want string }{
		{"QQ：1 5 4 4 7 已登记", "1 5 4 4 7"},
		{"QQ号 3-2-0-0-4-9-8-9-4", "3-2-0-0-4-9-8-9-4"},
		{"企鹅号：６ ０ ９ ６ ２ ４ ５", "６ ０ ９ ６ ２ ４ ５"},
		{"QQ：8\n2\n1\n3\n4\n备注", "8\n2\n1\n3\n4"},
		{"QQ：12345 67890", "12345"},
		{"QQ：1 2 3 4", ""},
		{"QQ：0 1 2 3 4 5", ""},
		{"QQ：1 23 45 67", ""},
	} {
		got := ""
		for _, f := range e.Find([]byte(c.text)) {
			if f.Category == detect.QQ {
				got = c.text[f.Start:f.End]
			}
		}
		if got != c.want {
			t.Errorf("%q: QQ %q, want %q", c.text, got, c.want)
		}
	}
}

// TestWeChatSlangLabels: the spellings of 微信 that dodge keyword filters
// (V信, v信号, vx号, wx号, 薇信, 威信) are its labels too.
func TestWeChatSlangLabels(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	const id = "wxid_k2m9q7"
	for _, label := range []string{"V信：", "v信号: ", "vx号：", "WX号：", "薇信 ", "威信："} {
		if got := findingsOf(e, label+id); got != "wechat:"+id {
			t.Errorf("%q: got %q", label+id, got)
		}
	}
}
