package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStatementDocumentsWalked: every JSON document a script's statements
// hold (two declarations, two JSONP calls, a declaration and a call, in a
// script body and in a page's <script>) is walked as JSON: members joined
// under a phone or ID key, an ID's check X in a member of its own; a
// script of code with no JSON stays byte for byte.
func TestStatementDocumentsWalked(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		id := synth.CNID18X(r)
		tels := `{"tel1":"` + m[:3] + `","tel2":"` + m[3:7] + `","tel3":"` + m[7:] + `"}`
		idx := `{"idcard":"` + id[:17] + `","check":"✕"}`
		for _, c := range []struct{ ct, body, secret string }{
			{"application/javascript", `var a = {"x":1}; var b = ` + tels + `;`, m[3:7]},
			{"application/javascript", `cb({"x":1}); cb(` + tels + `);`, m[3:7]},
			{"application/javascript", `var a = {"x":1}, b = ` + idx + `;`, id[6:14]},
			{"application/javascript", "window.a = {\"x\":1};\ninit(" + tels + ");\n", m[3:7]},
			{"text/html", `<p>x</p><script>var a = {"x":1}; var b = ` + tels + `;</script>`, m[3:7]},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if strings.Contains(string(res.Body), c.secret) {
				t.Errorf("%s %q -> %q", c.ct, c.body, res.Body)
			}
			assertStable(t, eng, res, c.ct)
		}
	}
	for _, clean := range []string{
		`var a = {x: 1, y: [1, 2]}; function f(o) { return {a: o.b}; } f({"k": "v"});`,
		`var cfg = {"retries": 3, "ports": [8080, 443]}; if (a == [1]) { b = [2]; }`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "application/javascript", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}
