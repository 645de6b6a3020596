package bodyformat

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// browserHidden parses page as a browser does (golang.org/x/net/html,
// the HTML5 tokenizer and tree builder) and reports, for each marker,
// whether the text or comment holding it stands inside the first element
// with a hidden attribute.
func browserHidden(t *testing.T, page string, markers []string) []bool {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var hidden *html.Node
	var holders []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if hidden == nil && n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "hidden" {
					hidden = n
				}
			}
		}
		if n.Type == html.TextNode || n.Type == html.CommentNode {
			holders = append(holders, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	in := make([]bool, len(markers))
	for k, mk := range markers {
		found := false
		for _, n := range holders {
			if !strings.Contains(n.Data, mk) {
				continue
			}
			found = true
			for p := n.Parent; p != nil; p = p.Parent {
				in[k] = in[k] || p == hidden
			}
		}
		if !found {
			t.Fatalf("%s: marker %s in no text", page, mk)
		}
	}
	return in
}

// TestHiddenCloseAsBrowser: the hidden element's content ends where a
// browser ends it: an end tag in a comment, a bogus comment, raw text,
// CDATA inside SVG or a quoted attribute value ends nothing (it had ended
// the element early, showing what is hidden), and a tag so written opens
// nothing (it had made the element run on, hiding what is shown). Each @
// is a marker; each must be inside the hidden content as the browser
// parses the page (golang.org/x/net/html) exactly when hiddenClose puts
// it there.
func TestHiddenCloseAsBrowser(t *testing.T) {
	for _, c := range []struct{ page, name string }{
		{`<p>@<span hidden>@<!-- </span> -->@</span>@</p>`, "span"},
		{`<p>@<span hidden>@<!-- <span> -->@</span>@</span>@</p>`, "span"},
		{`<p>@<span hidden>@<!--> @</span>@</p>`, "span"},
		{`<p>@<span hidden>@<!---> @</span>@</p>`, "span"},
		{`<p>@<span hidden>@<!-- a --!> @</span>@</p>`, "span"},
		{`<p>@<span hidden>@<!-- a --> </span> --> @</span>@</p>`, "span"},
		{`<p>@<span hidden><script>@ "</span>" @</script>@</span>@</p>`, "span"},
		{`<p>@<span hidden><SCRIPT>@ "</span><span>" @</SCRIPT >@</span>@</p>`, "span"},
		{`<p>@<span hidden><script>@</scriptx></span>@</script>@</span>@</p>`, "span"},
		{`<p>@<span hidden><style>@ </span> <span> @</style>@</span>@</p>`, "span"},
		{`<p>@<span hidden><textarea>@</span>@</textarea>@</span>@</p>`, "span"},
		{`<p>@<span hidden><title>@</span>@</title>@</span>@</p>`, "span"},
		{`<div>@<span hidden><xmp>@</span>@</xmp>@</span>@</div>`, "span"},
		{`<p>@<span hidden><noscript>@</span>@</noscript>@</span>@</p>`, "span"},
		{`<p>@<span hidden><scriptx>@</span>@</p>`, "span"},
		{`<p>@<span hidden>@<![CDATA[ </span> ]]>@</span>@</p>`, "span"},
		{`<p>@<span hidden><svg><![CDATA[ </span> @]]></svg>@</span>@</p>`, "span"},
		{`<p>@<span hidden><svg><style>@</span>@</style></svg>@</p>`, "span"},
		{`<p>@<span hidden><a title="</span>">@</a>@</span>@</p>`, "span"},
		{`<p>@<span hidden><a title='<span>'>@</a>@</span>@</p>`, "span"},
		{`<p>@<span hidden>@<? </span> ?>@</span>@</p>`, "span"},
		{`<p>@<span hidden>@</ span>@</span>@</p>`, "span"},
		{`<p>@<span hidden>@<!DOCTYPE </span>@</span>@</p>`, "span"},
		{`<p>@<span hidden><span>@</span>@</span>@</p>`, "span"},
		{`<body>@<div hidden>@<!-- </div> --><script>"</div>"</script>@</div>@</body>`, "div"},
		{`<body>@<div hidden><plaintext>@</div>@`, "div"},
	} {
		var markers []string
		page := c.page
		for k := 0; strings.Contains(page, "@"); k++ {
			mk := fmt.Sprintf("m%dx", k)
			page = strings.Replace(page, "@", mk, 1)
			markers = append(markers, mk)
		}
		want := browserHidden(t, page, markers)
		raw := []byte(page)
		end := bytes.Index(raw, []byte(" hidden>")) + len(" hidden>")
		close := hiddenClose(raw, end, []byte(c.name))
		for k, mk := range markers {
			at := bytes.Index(raw, []byte(mk))
			if got := at >= end && at < close; got != want[k] {
				t.Errorf("%s: %s hidden %v, a browser: %v (closes at %d)", c.page, mk, got, want[k], close)
			}
		}
	}
}

// TestHiddenCloseFakeEndTag: a mobile shown around a hidden element whose
// content holds a fake end tag in a comment or a script, or a fake
// opening tag, is found and masked as the page shows it.
func TestHiddenCloseFakeEndTag(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := m[:3], m[3:]
	for _, page := range []string{
		`<p>tel ` + a + `<span hidden>0<!-- <span> --></span>` + b + `</p>`,
		`<p>tel ` + a + `<span hidden><script>"<span>"</script></span>` + b + `</p>`,
		`<p>tel ` + a + `<span hidden><a title="<span>">0</a></span>` + b + `</p>`,
	} {
		res, err := Inspect(eng, []byte(page), "text/html", "", Redact, Limits{})
		if err != nil || !hasCategory(res.Findings, detect.CNMobile) || bytes.Contains(res.Body, []byte(b)) {
			t.Errorf("%s: %v %+v sent as %s", page, err, res.Findings, res.Body)
		}
	}
}
