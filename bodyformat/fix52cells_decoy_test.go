package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFix52HiddenCellDecoys: a mobile whose groups stand in a labelled
// row's cells, header cells (<th>) or data cells, with a text-only
// element a linked sheet may hide opening a header cell, or closing a
// cell after its digits (5302<span class=h>9</span></td>), is masked in
// every type and counted once. openingDecoy read a header cell's view
// ending with headCellEnd as no number's block, and mayHoldDecoy saw no
// closing tag before a digit in a row whose decoy closes a cell (no
// second reading): both now read these. Clean rows of the same shapes go
// out byte for byte.
func TestFix52HiddenCellDecoys(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 1))
	const linked = "<link rel=stylesheet href=/s.css>"
	const h = "<span class=h>9</span>"
	for range 4 {
		m := fix49Mobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		for name, page := range map[string]string{
			"th, last opener":        linkedRow("th", "手机", a, b, h+c),
			"th, middle opener":      linkedRow("th", "手机", a, h+b, c),
			"th, closing middle":     linkedRow("th", "手机", a, b+h, c),
			"td, closing middle":     linkedRow("td", "手机", a, b+h, c),
			"td, closing last":       linkedRow("td", "手机", a, b, c+h),
			"td, closing first":      linkedRow("td", "手机", a+h, b, c),
			"td, spaced closer":      linkedRow("td", "手机", a, b+" <i class=x>8</i>", c),
			"td, two closing decoys": linkedRow("td", "手机", a, b+"<i class=a>9</i><i class=b>8</i>", c),
		} {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, page, ct)
				shown := tagsRE.ReplaceAllString(out, "")
				if mobileShown.MatchString(shown) || strings.Contains(engineDigitsShown(out), m) || strings.Contains(out, c) && strings.Contains(out, b) {
					t.Errorf("%s/%s: the mobile %s goes out: %q", name, ct, m, out)
				}
				// what stands before the first group and the row's end
				// are kept byte for byte (a decoy after the last group
				// is masked with it)
				pre := page[:strings.Index(page, a)]
				if !strings.HasPrefix(out, pre) || !strings.HasSuffix(out, "</tr></table>") {
					t.Errorf("%s/%s: text around the mobile changed: %q", name, ct, out)
				}
			}
			res := mustInspect(t, testEngine(t), []byte(page), "text/html", "", Redact)
			if n := countCategory(res.Findings, detect.CNMobile); n != 1 {
				t.Errorf("%s: %d mobiles counted, want 1: %+v", name, n, res.Findings)
			}
		}
	}
	for _, page := range []string{
		linkedRow("th", "数量", "12", "34"+h, "56"),
		linkedRow("td", "数量", "12", "34<b>x</b>", "56"),
		linkedRow("td", "价格", "12<span class=h>.00</span>", "3"),
		linkedRow("th", "型号", "138", h+"2024", "7"),
		linked + "<p>共 12 <b>件</b></p><p>3 元</p>",
		linked + "<table><tr><td>12<i>x</i></td><td>34</td></tr><tr><td>5</td><td>678<i>y</i></td></tr></table>",
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			if out := cellsRedacted(t, page, ct); out != page {
				t.Errorf("%s: clean page changed: %q -> %q", ct, page, out)
			}
		}
	}
}
