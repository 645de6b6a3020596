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
