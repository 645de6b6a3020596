package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestQueryPlusQuoted (attack pass 29, F4): a query value in quotes or
// brackets (?q='138+1234+5678') is still a query to URLSearchParams and
// to the server, so the '+' there are spaces and the mobile is masked;
// a quoted '+' run outside a query, or after the quote that closes the
// URL, is still no query's.
func TestQueryPlusQuoted(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	plus := m[:3] + "+" + m[3:7] + "+" + m[7:]
	for _, c := range []struct{ name, ct, body string }{
		{"baseline", "text/plain", "see https://a.example/s?q=" + plus + " ok"},
		{"single-quoted value", "text/plain", "see https://a.example/s?q='" + plus + "' ok"},
		{"double-quoted value", "text/plain", "see https://a.example/s?q=\"" + plus + "\" ok"},
		{"angle value", "text/plain", "see https://a.example/s?q=<" + plus + "> ok"},
		{"backslash in value", "text/plain", "see https://a.example/s?q=\\" + plus + " ok"},
		{"backtick value", "text/plain", "see https://a.example/s?q=`" + plus + "` ok"},
		{"html attr quoted value", "text/html", `<a href="/s?q='` + plus + `'">x</a>`},
		{"json escaped quote", "application/json", `{"u":"/s?q=\"` + plus + `\""}`},
		{"plus at every digit", "text/plain", "https://a.example/s?q=" + strings.Join(strings.Split(m, ""), "+")},
		{"form-looking with quote", "text/plain", "a=1&tel='" + plus + "'"},
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
	for _, body := range []string{
		"a '" + plus + "' b",
		`"/s?q=1"` + plus,
		"<a href=/s?q=1>" + plus + "</a>",
	} {
		if got := decodeOrNil(body); got != "" {
			t.Errorf("%q read as %q", body, got)
		}
	}
}
