//go:build detectsteps

package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStepsCellMaskManyOthers: a mobile read across cells whose markup
// (a title= between the cells) holds many e-mails: each is masked in the
// cell mask where it stands, the mask built once (markupHoles), not once
// for each e-mail. The reading and engine steps for 8n bytes are at most
// 8.8 times those for n, plus a step a byte; no e-mail goes out.
func TestStepsCellMaskManyOthers(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(47, 2)))
	page := func(n int) []byte {
		title := repeatTo(n, "alex{at}example.com ")
		return []byte("<table><tr><td>手机</td><td>" + m[:3] + "</td><td>" + m[3:7] + `</td><td title="` + title + `">` + m[7:] + "</td><td>1200</td></tr></table>")
	}
	steps := func(n int) (reading, engine int64) {
		detect.ResetSteps()
		resetReadingSteps()
		res, err := Inspect(eng, page(n), "text/html", "", Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.Body), "alex{at}") || !strings.Contains(string(res.Body), "<td>1200</td>") {
			t.Fatalf("an e-mail goes out, or the page changed: %.200q", res.Body)
		}
		return readingSteps.Load(), detect.Steps()
	}
	const n = 16 << 10
	rs, es := steps(n)
	rl, el := steps(8 * n)
	t.Logf("%.2f reading, %.2f engine steps a byte at 128 KiB", float64(rl)/(8*n), float64(el)/(8*n))
	if float64(rl) > 8.8*float64(rs)+8*n || float64(el) > 8.8*float64(es)+8*n {
		t.Errorf("reading %d → %d, engine %d → %d steps from 16 KiB to 128 KiB", rs, rl, es, el)
	}
}
