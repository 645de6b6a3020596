package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestSheetHiddenDecoys: a decoy an element's class hides by a rule of the
// page's style sheet (display none, screen-reader-only clipping, far off
// the screen), or that a style attribute puts off the screen, is read as
// a decoy: the number around it is found whole. A rule that hides only in
// print leaves the element read as shown on screen.
func TestSheetHiddenDecoys(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	const decoy = "000"
	for _, body := range []string{
		`<style>.d{display:none}</style><p>tel ` + m[:3] + `<span class="d">` + decoy + `</span>` + m[3:] + `</p>`,
		`<style>.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}</style><p>tel ` + m[:5] + `<i class="x sr-only">` + decoy + `</i>` + m[5:] + `</p>`,
		`<style>p span.off { position: absolute; left: -9999px }</style><p>tel ` + m[:7] + `<span class=off>` + decoy + `</span>` + m[7:] + `</p>`,
		`<style>#q{font-size:0}</style><p>tel ` + m[:3] + `<b id=q>` + decoy + `</b>` + m[3:] + `</p>`,
		`<p>tel ` + m[:3] + `<span style="position:absolute;clip:rect(0 0 0 0)">` + decoy + `</span>` + m[3:] + `</p>`,
		`<p>tel ` + m[:3] + `<span style="text-indent:-10000px">` + decoy + `</span>` + m[3:] + `</p>`,
		`<style>@media print{.p{display:none}}</style><p>tel ` + m[:3] + `<span class=p>` + m[3:7] + `</span>` + m[7:] + `</p>`,
	} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact)
		out := tagsRE.ReplaceAllString(string(res.Body), "")
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(out, m[3:7]) {
			t.Errorf("%q: %+v -> %q", body, res.Findings, res.Body)
		}
	}
	for _, body := range []string{
		`<style>.hidden{display:none}.sr-only{position:absolute;clip:rect(0,0,0,0)}</style><p>Order <span class=hidden>A</span> shipped in 3 days, <i class=sr-only>new</i> 2024 model</p>`,
		`<style>.d{display:none}</style><p>Call <span class=d>us</span> today</p>`,
	} {
		if res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact); len(res.Findings) != 0 {
			t.Errorf("%q: %+v", body, res.Findings)
		}
	}
}
