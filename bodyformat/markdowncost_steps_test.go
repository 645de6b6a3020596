//go:build detectsteps

package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestMarkdownLinksStepsAsMarkdown: a Markdown body of reference links
// back to back ([1][a] repeated) costs the reading and the engine about
// the steps ordinary Markdown of its size does (issue #8: framed as JSON
// values back to back, each three bytes an event whose join read the 64
// bytes around it).
func TestMarkdownLinksStepsAsMarkdown(t *testing.T) {
	eng := testEngine(t)
	steps := func(body string) int64 {
		detect.ResetSteps()
		resetReadingSteps()
		if _, err := Inspect(eng, []byte(body), "text/markdown", "", Redact, Limits{}); err != nil {
			t.Fatal(err)
		}
		return detect.Steps() + readingSteps.Load()
	}
	const n = 256 << 10
	o := steps(repeatTo(n, "Release **2.4** fixed [issue 7](/i/7) and `make test`; see [docs][d] and _v3_.\n"))
	l := steps(repeatTo(n, "[1][a]"))
	t.Logf("ordinary: %.2f steps a byte, links: %.2f", float64(o)/n, float64(l)/n)
	if l > 5*o {
		t.Errorf("reference links take %d steps, ordinary Markdown %d", l, o)
	}
}
