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
