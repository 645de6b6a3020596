package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkupFindingsAtDocumentOffsets checks that a finding in an HTML or
// XML body stands where its value stands in the document, as in the same
// text sent as text/plain: the markup view's separators (three bytes for
// a <p>, one for a <br>) had moved it (<br>tel 138… reported at 5, not 8).
func TestMarkupFindingsAtDocumentOffsets(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		m := synth.CNMobile(r)
		for _, c := range []struct{ ct, body string }{
			{"text/plain", "tel " + m},
			{"text/html", "tel " + m},
			{"text/html", "<p>tel " + m + "</p>"},
			{"text/html", "<br>tel " + m},
			{"text/html", "<html><body><p>tel " + m + "</p></body></html>"},
			{"text/html", "<b>tel</b> " + m},
			{"text/html", "<p>a &amp; b, tel " + m + "</p>"},
			{"application/xml", "<a>tel " + m + "</a>"},
			{"application/xml", "<?xml version=\"1.0\"?>\n<r><tel>" + m + "</tel></r>"},
		} {
			for _, mode := range []Mode{Scan, Redact} {
				res, err := Inspect(eng, []byte(c.body), c.ct, "", mode, Limits{})
				if err != nil {
					t.Fatal(err)
				}
				want := strings.Index(c.body, m)
				if len(res.Findings) != 1 || res.Findings[0].Start != want || res.Findings[0].End != want+len(m) {
					t.Errorf("%s %q: findings %+v, want one at [%d,%d)", c.ct, c.body, res.Findings, want, want+len(m))
				}
			}
		}
	}
}
