package detect_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAtSpellingsNotOverread: the spellings of '@' that keep an address
// from crawlers ({at}, [@], (a), 【at】, （at）, " @ ", '#') are read only
// where an address stands round them: a hashtag, a language's name, a
// page anchor (also after an address or its mask), a mention or a
// parenthesised letter is none.
func TestAtSpellingsNotOverread(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{
		"#话题# 北京", "C# qq.com", "C#.net", "index.html#top", "https://a.com/#/list.json", "div#main.content", "ul#menu.open{color:red}",
		"x***@qq.com#ab.cn", "0***@0.aa#0.AA0",
		"hello @ bob", "a @b.com", "see (a) and (b)", "选项（a）正确", "【at】", "{at}", "answer (a) google.com", "选项（a） example.com",
	} {
		if fs := e.Find([]byte(text)); len(fs) != 0 {
			t.Errorf("%q: %v", text, fs)
		}
	}
	r := rand.New(rand.NewPCG(18, 18))
	for range 10 {
		email := synth.Email(r)
		for _, spelled := range synth.EmailAtForms(email) {
			text := "联系 " + spelled + " 谢谢"
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.Email) {
				t.Errorf("%q: %v", text, fs)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}
