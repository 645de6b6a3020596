package bodyformat

import (
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestSheetOverrideReversed: an element a style sheet's rule turns into a
// right-to-left override (by class, id, element name, in a media query,
// with escapes, before or after the element) is read reversed as shown;
// a rule that reverses nothing, or an element it does not select, is
// read as written.
func TestSheetOverrideReversed(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for m[len(m)-1] == '0' || m[len(m)-1] == '1' {
		m = synth.CNMobile(r)
	}
	rev := []byte(m)
	slices.Reverse(rev)
	rs := string(rev)
	const rule = "{unicode-bidi:bidi-override;direction:rtl}"
	for _, body := range []string{
		`<style>.r` + rule + `</style><p>tel <span class="r">` + rs + `</span></p>`,
		`<style>#n ` + rule + `</style><p>tel <span id=n>` + rs + `</span></p>`,
		`<style>p > I` + rule + `</style><p>tel <i>` + rs + `</i></p>`,
		`<p>tel <b class="x r2">` + rs[:4] + `<i></i>` + rs[4:] + `</b></p><style>/* late */ @media screen { b.r2 { Direction: RTL; unicode-bidi: bidi-overrid\65 } }</style>`,
		`<style>.a, .r:hover, em.q ` + rule + `</style><p>tel <em class=q>` + rs + `</em></p>`,
	} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(tagsRE.ReplaceAllString(string(res.Body), ""), rs[:6]) {
			t.Errorf("%q: %+v %q", body, res.Findings, res.Body)
		}
	}
	for _, body := range []string{
		`<style>.r{unicode-bidi:bidi-override}</style><p>order <span class="r">` + rs + `</span></p>`,
		`<style>.r` + rule + `</style><p>order <span class="q">` + rs + `</span></p>`,
	} {
		if res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact); hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%q read reversed: %+v", body, res.Findings)
		}
	}
}
