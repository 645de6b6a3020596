package bodyformat

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDataURLDocumentsRendered: a data: URL holding an HTML or SVG
// document (base64 or percent-encoded, in a page's attribute or a JSON
// value) is read as the browser renders it: tags and comments between
// digits are read through, and the payload is masked.
func TestDataURLDocumentsRendered(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		html := mob[:3] + "<b></b>" + mob[3:7] + "<!-- x -->" + mob[7:]
		svg := `<svg xmlns="http://www.w3.org/2000/svg"><text>` + mob[:3] + `<tspan>` + mob[3:] + `</tspan></text></svg>`
		b64 := base64.StdEncoding.EncodeToString
		for _, c := range []struct{ ct, body, payload string }{
			{"application/json", `{"u":"data:text/html;base64,` + b64([]byte(html)) + `"}`, b64([]byte(html))},
			{"application/json", `{"u":"data:text/html,` + url.PathEscape(html) + `"}`, url.PathEscape(html)},
			{"text/html", `<iframe src="data:text/html,` + url.PathEscape(html) + `"></iframe>`, url.PathEscape(html)},
			{"text/html", `<iframe src="DATA:Text/HTML;charset=utf-8,` + url.PathEscape(html) + `"></iframe>`, url.PathEscape(html)},
			{"text/html", `<img src="data:image/svg+xml;base64,` + b64([]byte(svg)) + `">`, b64([]byte(svg))},
			{"text/html", `<img src="data:image/svg+xml,` + url.PathEscape(svg) + `">`, url.PathEscape(svg)},
			{"text/css", `.a{background:url(data:image/svg+xml,` + url.PathEscape(svg) + `)}`, url.PathEscape(svg)},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), c.payload) {
				t.Errorf("%s %q -> %q", c.ct, c.body, res.Body)
			}
		}
	}
	for _, clean := range []string{
		`<img src="data:image/svg+xml,` + url.PathEscape(`<svg><text>Total: 3<tspan>items</tspan></text></svg>`) + `">`,
		`<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/html", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}
