package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestEmbeddedDocumentQuotesEscaped (attack pass 33, F2/F5, residual a):
// a document serialised in a string whose quotes are spelled \u0022 (as
// JSON.parse reads them: a quote) is walked as the one spelled \" is:
// its phone record's members are joined, an array's strings too, and
// the masks are written back escaped.
func TestEmbeddedDocumentQuotesEscaped(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for _, body := range []string{
			`{"data":"{\u0022phone\u0022:{\u0022a\u0022:\u0022` + m[:3] + `\u0022,\u0022b\u0022:\u0022` + m[3:] + `\u0022}}"}`,
			`{"data":"[\u0022` + m[:3] + `\u0022,\u0022` + m[3:] + `\u0022]"}`,
			`{"data":"{\u0022phone\u0022:\u0022` + m + `\u0022}"}`,
		} {
			res := mustInspect(t, eng, []byte(body), ctJSON, "", Redact)
			if strings.Contains(string(res.Body), m[3:]) || !res.Changed {
				t.Errorf("%s -> %s", body, res.Body)
			}
		}
	}
}
