package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestEmailCompatibilityForms: an address spelled with the compatibility
// forms NFKC and IDNA fold to ASCII (﹫ U+FE6B for '@', ｡ U+FF61 and ﹒
// U+FE52 for a dot, circled letters), with a quoted local part or with
// an address literal for a domain, is found and masked (attack54a F3);
// text that only looks like one is kept byte for byte.
func TestEmailCompatibilityForms(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	circled := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			switch {
			case c >= 'a' && c <= 'z':
				b.WriteRune('ⓐ' + c - 'a')
			case c >= 'A' && c <= 'Z':
				b.WriteRune('Ⓐ' + c - 'A')
			default:
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	for range 4 {
		l := synth.EmailLocal(r)
		for _, c := range []struct{ text, raw string }{
			{"联系邮箱 " + l + "﹫qq.com\n", l},
			{`{"email":"` + l + `﹫163.com"}`, l},
			{"邮箱 " + l + "@qq｡com\n", l},
			{"邮箱 " + l + "@163﹒com\n", l},
			{"邮箱 " + circled(l) + "@ⓠⓠ.ⓒⓞⓜ\n", circled(l)},
			{"邮箱 " + circled(strings.ToUpper(l)) + "@qq.com\n", circled(strings.ToUpper(l))},
			{`邮箱 "` + l + `"@qq.com` + "\n", l},
			{"mail " + l + "@[203.0.113.9]\n", l},
			{"mail " + l + "@[IPv6:2001:db8::1]\n", l},
		} {
			out, _ := e.Redact([]byte(c.text))
			if strings.Contains(string(out), c.raw) || !found(e, c.text, detect.Email) {
				t.Errorf("%q went out raw: %q", c.text, out)
			}
		}
	}
	for _, text := range []string{
		`he said "hello"@ noon`,
		`print("done")@decorator`,
		`x = "a"@ 2x.png`,
		"see [203.0.113.9] and user@[300.1.2.3]",
		"net 10.0.0.1@[10.0.0.2",
		"①②③ ⓐⓑⓒ 一二三",
		"价格 12﹒50 元",
	} {
		if out, fs := e.Redact([]byte(text)); string(out) != text {
			t.Errorf("%q changed: %q (%s)", text, out, describe(text, fs))
		}
	}
}
