package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactCookiePlus (attack pass 31, F10): a cookie's value with '+'
// between a mobile's groups, under any name or none, is masked: the mask
// covers the number and is percent-encoded where a '+' stood (the framework
// urldecodes it), the name and attributes stay as they were, and a clean
// value with '+' (a base64 token, C++, a sum) goes on as it is.
func TestRedactCookiePlus(t *testing.T) {
	find := testFinder()
	m := synth.CNMobile(rand.New(rand.NewPCG(31, 10)))
	plus := m[:3] + "+" + m[3:7] + "+" + m[7:]
	for _, c := range []struct{ in, before, after string }{
		{"tel=" + plus + "; Path=/", "tel=", "; Path=/"},
		{"u=" + plus + "; Path=/; HttpOnly", "u=", "; Path=/; HttpOnly"},
		{plus, "", ""},
		{"a=1; b=" + plus, "a=1; b=", ""},
		{"u=%22" + plus + "%22", "u=%22", "%22"},
	} {
		out, fs := RedactCookie(find, c.in, 0)
		if len(fs) == 0 || strings.Contains(out, m[3:7]) || !strings.HasPrefix(out, c.before) || !strings.HasSuffix(out, c.after) {
			t.Errorf("RedactCookie(%q) = %q, %d findings", c.in, out, len(fs))
			continue
		}
		mask := strings.TrimSuffix(strings.TrimPrefix(out, c.before), c.after)
		if strings.ContainsAny(mask, " +;,\"") {
			t.Errorf("RedactCookie(%q): mask %q is no cookie value's", c.in, mask)
		}
		if !CookieReadsAlone(c.in) {
			t.Errorf("CookieReadsAlone(%q) = false", c.in)
		}
	}
	for _, in := range []string{
		"sid=dGVzdA+k9f/Zq+w1==; Path=/",
		"lang=C++; Path=/; Secure",
		"q=1+1",
		"theme=dark",
		"x=" + m[:3] + "+" + m[3:7], // two groups: no number
	} {
		if out, fs := RedactCookie(find, in, 0); out != in || len(fs) > 0 {
			t.Errorf("RedactCookie(%q) = %q, %d findings", in, out, len(fs))
		}
	}
}
