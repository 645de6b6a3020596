package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack46bCellMaskCopiesSpelledEmail: markup a cell mask copies as
// written (a tag inside a cell's digits, or the tags between two cells)
// that holds an e-mail spelled without '@' ({at}, (at)…(dot), '#', which
// the engine reads: detect's atspellings) goes out raw: markupMayHoldData
// (markupcells.go) looks only for digits, '@', bytes above ASCII and
// escapes, so the mask is kept and the e-mail's finding, inside the mask's
// span, is merged into it (mergeFindings). The same page as the data of
// an event is redacted; as text/html or text/plain it is not.
func TestAttack46bCellMaskCopiesSpelledEmail(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(46, 1)))
	a, b, c := m[:3], m[3:7], m[7:]
	for _, email := range []string{"alex{at}example.com", "alex(at)example(dot)com", "alex#qq.com"} {
		for _, tc := range []struct{ name, page string }{
			{"link inside digits", "<table><tr><td>手机</td><td>" + a + "</td><td>" + b[:2] + `<a href="mailto:` + email + `">` + b[2:] + "</a></td><td>" + c + "</td><td>1200</td></tr></table>"},
			{"title between cells", "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + `</td><td title="` + email + `">` + c + "</td><td>1200</td></tr></table>"},
		} {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, tc.page, ct)
				if strings.Contains(out, email) {
					t.Errorf("%s/%s: the e-mail %q goes out raw: %q", tc.name, ct, email, out)
				}
				if strings.Contains(engineDigitsShown(out), b) {
					t.Errorf("%s/%s: the mobile is shown: %q", tc.name, ct, out)
				}
			}
		}
	}
}

// TestAttack46bBodiesNbspAndBoldLabel: detect's gaps and stars findings
