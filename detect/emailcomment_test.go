package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestEmailComment (attack 43): a comment next to the '@' that a mail
// client drops is read as part of the address, which is masked whole,
// comment and all (the domain kept, as every e-mail mask keeps it); a parenthesis set apart by a space is not.
func TestEmailComment(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, c := range []struct{ text, local, domain string }{
		{"mail gang.hao(x)@shop.example.org", "gang.hao", "shop.example.org"},
		{"mail user@(comment)example.com ok", "user", "example.com"},
		{"写信给 li.na(工作)@(备注)corp.example.cn 谢谢", "li.na", "corp.example.cn"},
	} {
		red, fs := e.Redact([]byte(c.text))
		if !hasCat(fs, detect.Email) {
			t.Errorf("%q: no e-mail in %v", c.text, fs)
			continue
		}
		out := string(red)
		stripped := strings.NewReplacer("(x)", "", "(comment)", "", "(工作)", "", "(备注)", "").Replace(out)
		if strings.Contains(stripped, c.local) || strings.Contains(out, "(") || !strings.Contains(out, "@"+c.domain) {
			t.Errorf("%q -> %q: not masked whole", c.text, out)
		}
	}
	for _, clean := range []string{"see (x)@ noon", "price (usd)@3.5 each", "a (b) @c"} {
		if _, fs := e.Redact([]byte(clean)); hasCat(fs, detect.Email) {
			t.Errorf("%q: %v", clean, fs)
		}
	}
}
