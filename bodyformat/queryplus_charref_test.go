package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestQueryPlusEscapedPlus (attack pass 29, F5): the '+' spelled as an
// escape of the container (JSON \u002b, an HTML character reference
// &#43; or &plus;) is a literal '+' in the URL the receiver gets, a space
// in its query: it is read in the container's decoded view.
func TestQueryPlusEscapedPlus(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	for _, c := range []struct{ name, ct, body string }{
		{"json \\u002b", "application/json", `{"u":"/s?q=` + m[:3] + `\u002b` + m[3:7] + `\u002b` + m[7:] + `"}`},
		{"html &#43;", "text/html", `<a href="/s?q=` + m[:3] + `&#43;` + m[3:7] + `&#43;` + m[7:] + `">x</a>`},
		{"html &plus;", "text/html", `<a href="/s?q=` + m[:3] + `&plus;` + m[3:7] + `&plus;` + m[7:] + `">x</a>`},
		{"xml &#x2B;", "application/xml", `<u>/s?q=` + m[:3] + `&#x2B;` + m[3:7] + `&#x2B;` + m[7:] + `</u>`},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil {
			t.Errorf("%s: refused: %v", c.name, err)
			continue
		}
		if strings.Contains(string(res.Body), m[3:7]) || len(res.Findings) == 0 {
			t.Errorf("%s: %q went out as %q", c.name, c.body, res.Body)
		}
	}
}

// TestQueryPlusScriptEscape (attack pass 31, F9): a script's string
// writes '+' as \x2b (or \053, \u002b): the URL the script builds holds
// '+' and the server reads spaces. The query reading reads the text the
// escapes decode to, as a script, a page's script and a JSON string; the
// whole number is masked and the script around it kept.
func TestQueryPlusScriptEscape(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	for _, plus := range []string{`\x2b`, `\053`, `\u002b`, `\u{2b}`} {
		before, after := `var u = "/s?q=`, `"; fetch(u);`
		js := before + m[:3] + plus + m[3:7] + plus + m[7:] + after
		for _, ct := range []string{"application/javascript", "text/html"} {
			body := js
			if ct == "text/html" {
				body = "<script>" + js + "</script>"
			}
			res, err := Inspect(eng, []byte(body), ct, "", Redact, Limits{})
			if err != nil {
				t.Errorf("%s in a %s string: refused: %v", plus, ct, err)
				continue
			}
			if out := string(res.Body); strings.Contains(out, m[3:7]) || !strings.Contains(out, before) || !strings.Contains(out, after) {
				t.Errorf("%s in a %s string: %q went out as %q", plus, ct, body, out)
			}
		}
	}
}

// TestSpellsPercentGate: the percent reading of the escapes' view runs
// only where an escape spelled a '+' or a '%' (one reading, gated by
// spellsPercent), not for the view of every piece with a backslash.
func TestSpellsPercentGate(t *testing.T) {
	if escapedPercentReadings == 0 || escapedPercentReadings&(escapedPercentReadings-1) != 0 {
		t.Fatalf("escapedPercentReadings = %b, want one reading", escapedPercentReadings)
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{`/s?q=1\x2b2`, true},
		{`/s?q=1\0532`, true},
		{`\u002531`, true},
		{`a+b \n c`, false},
		{`50% \t off`, false},
	} {
		dec, _, _ := decodeEscapes([]byte(c.text), nil, nil)
		if got := spellsPercent([]byte(c.text), dec); got != c.want {
			t.Errorf("spellsPercent(%q) = %v", c.text, got)
		}
	}
}
