package bodyformat

import (
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestIframeSrcdocRead: the document in an iframe's srcdoc attribute
// (entity-encoded HTML) is rendered by the browser: it is read as HTML,
// tags between digits read through, and masked where it stands, still a
// valid attribute.
func TestIframeSrcdocRead(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		inner := "<p>tel " + m[:3] + "<b></b>" + m[3:] + " ID " + id[:6] + "<!-- -->" + id[6:] + "</p>"
		for _, c := range []struct{ name, body string }{
			{"double quotes", `<iframe srcdoc="` + html.EscapeString(inner) + `"></iframe>`},
			{"single quotes", `<iframe title=x SRCDOC='` + html.EscapeString(inner) + `'></iframe>`},
			{"nested", `<iframe srcdoc="` + html.EscapeString(`<iframe srcdoc="`+html.EscapeString(inner)+`"></iframe>`) + `"></iframe>`},
		} {
			for _, mode := range []Mode{Redact, Scan} {
				res := mustInspect(t, testEngine(t), []byte(c.body), "text/html", "", mode)
				if !hasCategory(res.Findings, detect.CNMobile) || !hasCategory(res.Findings, detect.CNID) {
					t.Errorf("%s: findings %+v", c.name, res.Findings)
				}
				if res.Summary.Counts[detect.CNMobile] != 1 {
					t.Errorf("%s, mode %d: counts %v", c.name, mode, res.Summary.Counts)
				}
				if mode == Scan {
					continue
				}
				shown := tagsRE.ReplaceAllString(html.UnescapeString(html.UnescapeString(string(res.Body))), "")
				if strings.Contains(shown, m) || strings.Contains(shown, id) || strings.Contains(shown, m[3:]) {
					t.Errorf("%s: the frame shows it: %q", c.name, res.Body)
				}
				if !strings.HasPrefix(string(res.Body), "<iframe ") || !strings.HasSuffix(string(res.Body), "></iframe>") {
					t.Errorf("%s: the tag changed: %q", c.name, res.Body)
				}
			}
		}
	}
}

// TestBdoReversed: <bdo dir="rtl"> shows its text reversed, a number
// written backwards in it the right way round.
func TestBdoReversed(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for m[len(m)-1] == '0' {
		m = synth.CNMobile(r) // reversed, not a landline's trunk prefix: the mobile reading is the one tested
	}
	rev := []byte(m)
	slices.Reverse(rev)
	for _, body := range []string{
		`<p>tel <bdo dir="rtl">` + string(rev) + `</bdo></p>`,
		`<p>tel <BDO DIR=RTL>` + string(rev) + `</BDO> ok</p>`,
		`<p>tel <bdo class=x dir='rtl'>` + string(rev[:4]) + `<b>` + string(rev[4:]) + `</b></bdo></p>`,
	} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(tagsRE.ReplaceAllString(string(res.Body), ""), string(rev[:6])) {
			t.Errorf("%q: %+v %q", body, res.Findings, res.Body)
		}
	}
	ltr := `<p>order <bdo dir="ltr">` + string(rev) + `</bdo></p>`
	if res := mustInspect(t, testEngine(t), []byte(ltr), "text/html", "", Redact); hasCategory(res.Findings, detect.CNMobile) && !strings.HasPrefix(string(rev), "1") {
		t.Errorf("left-to-right bdo read reversed: %+v", res.Findings)
	}
}

// TestCSSOverrideReversed: an element a style turns into a right-to-left
// override shows its text reversed, as <bdo dir=rtl> does, however the
// style is spelled; a plain dir=rtl (digits keep their order) is not
// read reversed, and the element's end ends the reversal.
func TestCSSOverrideReversed(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for m[len(m)-1] == '0' {
		m = synth.CNMobile(r)
	}
	rev := []byte(m)
	slices.Reverse(rev)
	for _, body := range []string{
		`<p>tel <span style="unicode-bidi:bidi-override;direction:rtl">` + string(rev) + `</span></p>`,
		`<p>tel <SPAN STYLE="Direction: RTL; Unicode-Bidi: Bidi-Override">` + string(rev) + `</SPAN> ok</p>`,
		`<p>tel <i dir=rtl style='unicode-bidi: isolate-override'>` + string(rev[:4]) + `<i></i>` + string(rev[4:]) + `</i></p>`,
		`<p>tel <span style="unicode-bidi:bidi&#45;override;direction:rtl">` + string(rev) + `</span></p>`,
		`<p>tel <span style="unicode-bidi:bidi-overrid\65;direction:rtl">` + string(rev) + `</span></p>`,
		`<div style="unicode-bidi:bidi-override;direction:rtl"><span>` + string(rev[:5]) + `</span>` + string(rev[5:]) + `</div>`,
	} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(tagsRE.ReplaceAllString(string(res.Body), ""), string(rev[:6])) {
			t.Errorf("%q: %+v %q", body, res.Findings, res.Body)
		}
	}
	for _, body := range []string{
		`<p>order <span dir="rtl">` + string(rev) + `</span></p>`,
		`<p>order <span style="unicode-bidi:bidi-override;direction:rtl">x</span>` + string(rev) + `</p>`,
	} {
		if res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact); hasCategory(res.Findings, detect.CNMobile) && !strings.HasPrefix(string(rev), "1") {
			t.Errorf("%q read reversed: %+v", body, res.Findings)
		}
	}
}
