package bodyformat

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBypassesClosed keeps closed the ways around the inspection an attack
// review found: each body carries a mobile that must not survive.
func TestBypassesClosed(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	for _, c := range []struct{ name, ct, body string }{
		{"doctype bracket in quotes, HTML", "text/html", `<!DOCTYPE html "["><p>tel ` + m + `</p>`},
		{"doctype bracket in quotes, XML", "application/xml", `<!DOCTYPE r SYSTEM "a["><r>tel ` + m + `</r>`},
		{"comment", "text/html", `<p>hi</p><!-- debug tel ` + m + ` -->`},
		{"abrupt comment", "text/html", `<!-->tel ` + m + `<!-- -->`},
		{"processing instruction", "application/xml", `<r><?note tel ` + m + `?></r>`},
		{"attribute name", "text/html", `<p data-x ` + m + `>x</p>`},
		{"textarea comment", "text/html", `<textarea><!--</textarea>tel ` + m + ` -->`},
		{"control escape before a number", "text/plain", `手机号码：\x19` + m},
		{"sub-ulp fraction", "application/json", `{"tel":` + m + `.0000000001}`},
		{"exponent", "application/json", `{"tel":0.` + strings.Repeat("0", 70) + m + `e81}`},
		{"percent escapes in a URL in JSON", "application/json", `{"next":"https://x.example/cb?tel=` + pctAll(m) + `"}`},
		{"percent escapes in an href", "text/html", `<a href="/u?tel=` + pctAll(m) + `">x</a>`},
		{"form sent as text", "text/plain", `note=call&tel=` + pctAll(m)},
		{"hidden decoy", "text/html", `<p>tel ` + m[:3] + `<span hidden>9</span>` + m[3:] + `</p>`},
		{"display none decoy", "text/html", `<p>tel ` + m[:3] + `<b style="display: none">9</b>` + m[3:] + `</p>`},
		{"template decoy", "text/html", `<p>tel ` + m[:3] + `<template>9</template>` + m[3:] + `</p>`},
		{"hidden block decoy", "text/html", `<p>tel ` + m[:3] + `<div hidden>9</div>` + m[3:] + `</p>`},
		{"display none block decoy", "text/html", `<p>tel ` + m[:3] + `<div style=display:none>9</div>` + m[3:] + `</p>`},
		{"script between", "text/html", `<p>tel ` + m[:3] + `<script>var a=9</script>` + m[3:] + `</p>`},
		{"style between", "text/html", `<p>tel ` + m[:3] + `<style>b{}</style>` + m[3:] + `</p>`},
		{"closed dialog decoy", "text/html", `<p>tel ` + m[:3] + `<dialog>9</dialog>` + m[3:] + `</p>`},
		{"hidden input between", "text/html", `<p>tel ` + m[:3] + `<input type=hidden name=a value=9>` + m[3:] + `</p>`},
		// comments as the HTML tokenizer ends them: abruptly, by --!>, and
		// bogus comments (<?…>, </ …>) that end at the first '>'
		{"abrupt empty comment", "text/html", `<p>tel ` + m[:3] + `<!--->` + m[3:] + `</p>`},
		{"comment ended by --!>", "text/html", `<p>tel ` + m[:3] + `<!-- a --!>` + m[3:] + `<!-- b --></p>`},
		{"question mark bogus comment", "text/html", `<p>tel ` + m[:3] + `<?x>` + m[3:] + `<?y?></p>`},
		{"end tag bogus comment", "text/html", `<p>tel ` + m[:3] + `</ x>` + m[3:] + `</p>`},
		{"empty end tag", "text/html", `<p>tel ` + m[:3] + `</>` + m[3:] + `</p>`},
		// an image between digits (a 1×1 pixel, or broken with an empty
		// alt) shows nothing between them
		{"image between", "text/html", `<p>tel ` + m[:3] + `<img src="/p.gif" alt="">` + m[3:] + `</p>`},
		{"Markdown image between", "text/markdown", `tel ` + m[:3] + `![](/p.gif)` + m[3:]},
		// decoys a style hides without display:none, or spells it so
		{"zero font-size decoy", "text/html", `<p>tel ` + m[:3] + `<span style="font-size: 0px">9</span>` + m[3:] + `</p>`},
		{"transparent decoy", "text/html", `<p>tel ` + m[:3] + `<span style="opacity:0">9</span>` + m[3:] + `</p>`},
		{"invisible decoy", "text/html", `<p>tel ` + m[:3] + `<span style="visibility:hidden !important">9</span>` + m[3:] + `</p>`},
		{"colourless decoy", "text/html", `<p>tel ` + m[:3] + `<span style="color:Transparent">9</span>` + m[3:] + `</p>`},
		{"escaped display none decoy", "text/html", `<p>tel ` + m[:3] + `<span style="display:n\6f ne">9</span>` + m[3:] + `</p>`},
		{"referenced display none decoy", "text/html", `<p>tel ` + m[:3] + `<span style="display:&#110;one">9</span>` + m[3:] + `</p>`},
		{"commented display none decoy", "text/html", `<p>tel ` + m[:3] + `<span style="display:/* x */none">9</span>` + m[3:] + `</p>`},
		// an element inside one its style hides may show again: read as it shows
		{"shown inside a zero font-size", "text/html", `<ul style="font-size:0"><li style="font-size:14px">tel ` + m[:3] + `<b></b>` + m[3:] + `</li></ul>`},
		{"shown inside a hidden visibility", "text/html", `<div style="visibility:hidden"><p style="visibility:visible">tel ` + m[:3] + `<!-- -->` + m[3:] + `</p></div>`},
		// hidden content a script shows later (a tab, a dialog, a template)
		// is read as markup too, tags between digits read through
		{"hidden container", "text/html", `<div hidden><p>tel ` + m[:3] + `<b></b>` + m[3:] + `</p></div>`},
		{"template", "text/html", `<template><p>tel ` + m[:3] + `<!-- -->` + m[3:] + `</p></template>`},
		{"nested hidden", "text/html", `<div style="display:none">a<span hidden>tel ` + m[:3] + `<i></i>` + m[3:] + `</span></div>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			// the value is found as the reader sees it, and no longer shown
			if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), m) ||
				strings.Contains(string(res.Body), pctAll(m)) || strings.Contains(tagsRE.ReplaceAllString(string(res.Body), ""), m[3:]) {
				t.Errorf("the mobile survives: %+v %s", res.Findings, res.Body)
			}
		})
	}
}

// TestUntypedMarkupRead: a body without a Content-Type that sniffs as
// HTML or XML (as Go's server labels it for the client) is read as
// markup, tags between digits read through.
func TestUntypedMarkupRead(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	for _, body := range []string{
		`<!DOCTYPE html><p>tel ` + m[:3] + `<b></b>` + m[3:] + `</p>`,
		`<html><body>tel ` + m[:3] + `<!-- -->` + m[3:] + `</body></html>`,
		`<?xml version="1.0"?><r>tel ` + m[:3] + `<![CDATA[]]>` + m[3:] + `</r>`,
	} {
		res := mustInspect(t, eng, []byte(body), "", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%s: %+v", body, res.Findings)
		}
	}
	for _, body := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><text>tel ` + m[:3] + `<tspan>` + m[3:] + `</tspan></text></svg>`,
	} {
		res := mustInspect(t, eng, []byte(body), "image/svg+xml", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%s: %+v", body, res.Findings)
		}
	}
}

// TestPercentU: %u0031 escapes, which ASP.NET and JavaScript's unescape
// decode, are read in forms, URLs and text.
func TestPercentU(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	var u strings.Builder
	for _, c := range m {
		fmt.Fprintf(&u, "%%u%04X", c)
	}
	for _, c := range []struct{ body, ct string }{
		{"tel=" + u.String(), "application/x-www-form-urlencoded"},
		{`{"next":"/cb?tel=` + u.String() + `"}`, "application/json"},
		{"tel " + u.String(), "text/plain"},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), u.String()) {
			t.Errorf("%s: %+v %s", c.ct, res.Findings, res.Body)
		}
	}
}

// TestMarkupInValues: a value a page renders as HTML (innerHTML of a post
// or a chat message) is read through its tags too, in JSON, forms and
// text.
func TestMarkupInValues(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	split := m[:3] + "<b></b>" + m[3:]
	for _, c := range []struct{ body, ct string }{
		{`{"comment":"tel ` + split + `"}`, "application/json"},
		{`{"comment":"tel ` + m[:3] + `<!---->` + m[3:] + `"}`, "application/json"},
		{"comment=tel+" + url.QueryEscape(split), "application/x-www-form-urlencoded"},
		{"tel " + split, "text/plain"},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), m[3:]) {
			t.Errorf("%s: %+v %s", c.ct, res.Findings, res.Body)
		}
	}
}

// TestReversedDigits: digits written backwards after a right-to-left
// override are shown the right way round, and read so.
func TestReversedDigits(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	rev := []byte(m)
	slices.Reverse(rev)
	for _, body := range []string{
		"tel \u202e" + string(rev) + "\u202c ok",
		"tel \u202e" + string(rev) + "\n",
		`{"tel":"\u202e` + string(rev) + `"}`,
	} {
		res := mustInspect(t, eng, []byte(body), "", "", Redact)
		// the whole reversed run is masked, not one digit of it
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), string(rev[:6])) {
			t.Errorf("%q: %+v %q", body, res.Findings, res.Body)
		}
	}
}
