package bodyformat

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFix50HiddenCellOpeners: a mobile whose groups stand in a labelled
// row's cells (or list items), a cell opening with a text-only element a
// sheet the page links may hide (<td><span class=h>9</span>1350</td>,
// the last cell or the middle one, one decoy or two, inline or a block),
// is masked in its cells in every type, the page's tags byte for byte,
// one mobile counted. The hiding view read no decoy there: the view ends
// with the cells' separator, no digit (unresolvedDecoy). openingDecoy
// reads it as one now, its text dropped where it stands (the cells in
// the page's order), the first view reading it shown. Clean rows with
// such openers go out as they came.
func TestFix50HiddenCellOpeners(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 7))
	const linked = "<link rel=stylesheet href=/s.css>"
	for range 4 {
		m := fix49Mobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		pages := map[string]string{
			"last cell":          linkedRow("td", "手机", a, b, "<span class=h>9</span>"+c),
			"middle cell":        linkedRow("td", "手机", a, "<span class=h>9</span>"+b, c),
			"two decoys":         linkedRow("td", "手机", a, b, "<i class=a>9</i><i class=b>8</i>"+c),
			"a block decoy":      linkedRow("td", "手机", a, b, "<div class=h>9</div>"+c),
			"spaced cells":       linked + "<table><tr><td>手机</td> <td>" + a + "</td>\t<td>" + b + "</td> <td> <span class=h>9</span>" + c + "</td></tr></table>",
			"upper-case decoy":   linkedRow("td", "手机", a, b, "<SPAN class=h>9</SPAN>"+c),
			"list items":         linkedRow("li", "手机", a, b, "<span class=h>9</span>"+c),
			"list, middle item":  linkedRow("li", "手机", a, "<span class=h>9</span>"+b, c),
			"decoy before words": linkedRow("td", "手机", a, b, "<span class=h>9</span><b>"+c+"</b>"),
		}
		for name, page := range pages {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, page, ct)
				shown := tagsRE.ReplaceAllString(out, "")
				if mobileShown.MatchString(shown) || strings.Contains(engineDigitsShown(out), m) || strings.Contains(out, c) && strings.Contains(out, b) {
					t.Errorf("%s/%s: the mobile %s goes out: %q", name, ct, m, out)
				}
				if strings.Contains(out, markupSep) {
					t.Errorf("%s/%s: a view's separator written into the page: %q", name, ct, out)
				}
				// the row's mask runs from its first group to its last (a
				// digit between them, in markup, is starred with them, as
				// with the page's own sheet: markupMayHoldData); what
				// stands before and after is kept byte for byte
				pre, post := page[:strings.Index(page, a)], page[strings.LastIndex(page, c)+len(c):]
				if !strings.HasPrefix(out, pre) || !strings.HasSuffix(out, post) {
					t.Errorf("%s/%s: text around the mobile changed: %q", name, ct, out)
				}
			}
			// a letter for the decoy: nothing to read in the markup between
			// the groups, each masked in its cell, every tag kept
			letter := strings.NewReplacer(">9<", ">x<", ">8<", ">y<").Replace(page)
			if out := cellsRedacted(t, letter, "text/html"); strings.Contains(out, c) && strings.Contains(out, b) || !slices.Equal(pageTags.FindAllString(out, -1), pageTags.FindAllString(letter, -1)) {
				t.Errorf("%s, a letter decoy: %q", name, out)
			}
			res := mustInspect(t, testEngine(t), []byte(page), "text/html", "", Redact)
			if n := countCategory(res.Findings, detect.CNMobile); n != 1 {
				t.Errorf("%s: %d mobiles counted, want 1: %+v", name, n, res.Findings)
			}
		}
	}
	// clean rows with such openers, and a first cell of a row after a
	// row of numbers: byte for byte as they came
	for _, page := range []string{
		linkedRow("td", "数量", "12", "34", "<span class=h>x</span>56"),
		linkedRow("td", "138", "2024", "<span class=h>9</span>1350", "7"),
		linkedRow("td", "电话", "12", "<span>2024</span>", "1350"),
		linked + "<table><tr><td>12</td><td>34</td></tr><tr><td>5</td><td>678</td></tr></table>",
		linked + "<table><tr><td>138</td><td>4</td></tr><tr><td><b>1</b>2</td><td>5</td></tr></table>",
		linked + "<p>共 12 件</p><p><span class=n>3</span><b>45</b> 元</p>",
		linkedRow("li", "价格", "12", "<b>3</b>45"),
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			if out := cellsRedacted(t, page, ct); out != page {
				t.Errorf("%s: clean page changed: %q -> %q", ct, page, out)
			}
		}
	}
}
