package bodyformat

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// leafRE matches an element that holds only text: what a style sheet the
// filter cannot see (a linked one) may hide.
var leafRE = regexp.MustCompile(`<([a-zA-Z]+)\b[^>]*>[^<]*</([a-zA-Z]+)\s*>`)

// shownWithDecoysHidden returns the text of a page whose text-only
// elements are all hidden, as a linked style sheet may hide them.
func shownWithDecoysHidden(page string) string {
	return tagsRE.ReplaceAllString(leafRE.ReplaceAllString(page, ""), "")
}

// TestUnresolvedDecoysRead: a text-only element standing between two
// runs of digits, which no rule the page holds hides but a style sheet
// it links may (by its class, its id or its name), is read as a decoy in
// the second reading of the page: the number around it is found, and the
// redacted page shows none with the element hidden or shown. In HTML
// bodies and in markup inside a JSON value.
func TestUnresolvedDecoysRead(t *testing.T) {
	r := rng(t.Name())
	for range 10 {
		m := synth.CNMobile(r)
		for _, page := range []string{
			`<link rel=stylesheet href=/s.css><p>tel ` + m[:3] + `<span class=x>0</span>` + m[3:] + `</p>`,
			`<p>` + m[:5] + `<i class="d">00</i>` + m[5:] + `</p>`,
			`<p>tel ` + m[:3] + `<b id=q>9</b>` + m[3:] + `</p>`,
			`<p>tel ` + m[:7] + `<em>12</em>` + m[7:] + `</p>`,
			`<p>tel ` + m[:3] + `<i class=a>0</i><i class=b>9</i>` + m[3:] + `</p>`,
			`<p>tel ` + m[:3] + `<div class=x>0</div>` + m[3:] + `</p>`,
		} {
			if strings.Contains(tagsRE.ReplaceAllString(page, ""), m) || !strings.Contains(shownWithDecoysHidden(page), m) {
				t.Fatalf("fixture %q is not a decoy", page)
			}
			res := mustInspect(t, testEngine(t), []byte(page), "text/html", "", Redact)
			if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(shownWithDecoysHidden(string(res.Body)), m) {
				t.Errorf("%q: %+v -> %q", page, res.Findings, res.Body)
				continue
			}
			assertStable(t, testEngine(t), res, "text/html")
			body := `{"content":` + jsonString(page) + `}`
			res = mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
			var v struct{ Content string }
			if err := json.Unmarshal(res.Body, &v); err != nil || !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(shownWithDecoysHidden(v.Content), m) {
				t.Errorf("%s: %+v -> %s (%v)", body, res.Findings, res.Body, err)
			}
		}
	}
	// digits around an element that is no decoy, or text that is no number
	for _, page := range []string{
		`<p>Price 12<span class=c>.</span>50, version 1<span class=dot>.</span>2</p>`,
		`<p>Order 2024<span class=u>年</span>12<span class=u>月</span></p>`,
		`<table><tr><td class=n>1380</td><td class=n>0012</td></tr></table>`,
	} {
		if res := mustInspect(t, testEngine(t), []byte(page), "text/html", "", Redact); len(res.Findings) != 0 {
			t.Errorf("%q: %+v", page, res.Findings)
		}
	}
}
