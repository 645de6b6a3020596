package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// uEscapedRefs spells every character of s as \uXXXX with the backslash
// written as a character reference (ref, e.g. "&#92;").
func uEscapedRefs(s, ref string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "%su%04x", ref, r)
	}
	return b.String()
}

// TestEscapesSpelledWithCharRefs: a page whose attribute holds JSON with
// \u escapes spelled &#92;u… gives a script that parses it the value; a
// link whose query spells %31 as &#37;31 gives the server the value.
func TestEscapesSpelledWithCharRefs(t *testing.T) {
	r := rng("charref escapes")
	eng := testEngine(t)
	for _, ref := range []string{"&#92;", "&#x5C;", "&#0000092;", "&bsol;"} {
		m := synth.CNMobile(r)
		page := `<div id="app" data-state='{"tel":"` + uEscapedRefs(m, ref) + `"}'></div>`
		res := mustInspect(t, eng, []byte(page), "text/html", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), ref) {
			t.Errorf("%s: %+v\n%s", ref, res.Findings, res.Body)
		}
	}
	m := synth.CNMobile(r)
	var q strings.Builder
	for _, c := range m {
		fmt.Fprintf(&q, "&#37;%02X", c)
	}
	page := `<a href="/call?tel=` + q.String() + `">call</a>`
	res := mustInspect(t, eng, []byte(page), "text/html", "", Redact)
	if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), "&#37;") {
		t.Errorf("percent escapes as references: %+v\n%s", res.Findings, res.Body)
	}
	clean := []byte(`<p title="a &amp; b &#92;n c">R&amp;D &#37; done</p>`)
	if res := mustInspect(t, eng, clean, "text/html", "", Redact); res.Changed || len(res.Findings) > 0 {
		t.Errorf("clean page changed: %+v", res.Findings)
	}
}

// cssEscaped spells every character of s as a CSS hex escape, each ended
// by the white space CSS allows after one.
func cssEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "\\%x ", r)
	}
	return b.String()
}

// TestCSSEscapes: a browser shows generated content spelled in CSS hex
// escapes, in a style block and in a style attribute.
func TestCSSEscapes(t *testing.T) {
	r := rng("css escapes")
	eng := testEngine(t)
	m := synth.CNMobile(r)
	for _, page := range []string{
		`<style>.tel::after { content: "` + cssEscaped(m) + `"; }</style><p class=tel>电话</p>`,
		`<p style='--x: "` + cssEscaped(m) + `"'>x</p>`,
		`<style>.a::after{content:"\00003` + m[:1] + `\00003` + m[1:2] + m[2:] + `"}</style>`, // six digits end an escape
	} {
		res := mustInspect(t, eng, []byte(page), "text/html", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || !res.Changed {
			t.Errorf("%q: %+v", page, res.Findings)
		}
	}
	clean := []byte(`<style>a::before{content:"\2014 \00A0"} p{font:12px/1.5 x}</style>`)
	if res := mustInspect(t, eng, clean, "text/html", "", Redact); res.Changed {
		t.Errorf("clean CSS changed: %+v", res.Findings)
	}
}
