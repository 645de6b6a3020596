package bodyformat

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCharCodeStringJSWhiteSpace: ToNumber trims every JS white space
// and line terminator around a char code string, escaped or raw; each is
// read, in a script and in a page's <script>, and a string holding any
// other character beside its number is none (stays as it is).
func TestCharCodeStringJSWhiteSpace(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 40)))
	call := func(lead, trail string) string {
		var p []string
		for _, c := range m {
			p = append(p, `"`+lead+strconv.Itoa(int(c))+trail+`"`)
		}
		return `String.fromCharCode(` + strings.Join(p, ",") + `)`
	}
	for _, ws := range []string{`\v`, `\f`, `\u00a0`, `\u1680`, `\u2003`, `\u200a`, `\u2028`, `\u2029`, `\u202f`, `\u205f`, `\u3000`, `\ufeff`, `\x0b`, `\u{3000}`,
		"\u00a0", "\u1680", "\u2009", "\u2028", "\u3000", "\ufeff", "\v"} {
		js := call(ws, ws+` `)
		for _, c := range []struct{ body, ct string }{
			{`var t = "tel " + ` + js + `;`, "application/javascript"},
			{`<p>x</p><script>var t = "tel " + ` + js + `;</script>`, "text/html"},
		} {
			res, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{})
			if err == nil && strings.Contains(string(res.Body), m[3:7]) {
				t.Errorf("%q as %s: sent as %q", ws, c.ct, res.Body)
			}
		}
	}
	// not white space: U+200B (a format character), U+180E (no longer
	// Zs), a letter: ToNumber gives NaN, the call no digits
	for _, other := range []string{`\u200b`, `\u180e`, `x`} {
		body := `var t = "tel " + ` + call(other, "") + `;`
		if res, err := Inspect(eng, []byte(body), "application/javascript", "", Redact, Limits{}); err != nil || res.Changed {
			t.Errorf("%q: %q %v", other, res.Body, err)
		}
	}
}

// TestCharCodeArraysOfOneNotDocuments: arrays of one as a char codes
// call's arguments are its codes, not JSON documents a statement holds:
// read whole in a script, a page's <script> and after a code given as
// a literal; statementDocs takes none of them.
func TestCharCodeArraysOfOneNotDocuments(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 41)))
	var p []string
	for k, c := range m {
		switch k % 3 {
		case 0:
			p = append(p, "["+strconv.Itoa(int(c))+"]")
		case 1:
			p = append(p, "[[ "+strconv.Itoa(int(c))+" ]]")
		default:
			p = append(p, strconv.Itoa(int(c)))
		}
	}
	js := `String.fromCharCode(` + strings.Join(p, ", ") + `)`
	if docs := statementDocs([]byte(`var t = ` + js + `;`)); len(docs) != 0 {
		t.Errorf("statementDocs took %d documents in the call's arguments", len(docs))
	}
	for _, c := range []struct{ body, ct string }{
		{`var t = ` + js + `;`, "application/javascript"},
		{`<script>var t = "tel " + ` + js + `;</script>`, "text/html"},
		{`<script>f(` + js + `, [1, 2]);</script>`, "text/html"},
	} {
		res, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{})
		if err == nil && (!res.Changed || strings.Contains(string(res.Body), "["+strconv.Itoa(int(m[4]))+"]")) {
			t.Errorf("%s: sent as %q", c.body, res.Body)
		}
	}
}
