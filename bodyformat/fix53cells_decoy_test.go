package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFix53HiddenCellDecoyBlanks: a decoy a linked sheet may hide, with
// what a page writes around it that shows nothing or a blank (a newline,
// &nbsp;, &#160;, a no-break space, a comment in it or before it, a
// pretty-printed row), closing or opening a number's cell, is read as
// the bare decoy is: the mobile is masked and counted once in text/html.
// Clean rows of these shapes go out byte for byte in every type.
func TestFix53HiddenCellDecoyBlanks(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 5))
	const linked = "<link rel=stylesheet href=/s.css>"
	const h = "<span class=h>9</span>"
	for range 3 {
		m := fix49Mobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		for name, page := range map[string]string{
			"closer, &#160;":          linkedRow("td", "手机", a, b+h+"&#160;", c),
			"closer, no-break space":  linkedRow("td", "手机", a, b+h+"\u00a0", c),
			"closer, comment after":   linkedRow("td", "手机", a, b+h+"<!-- end -->\n", c),
			"comment, space, closer":  linkedRow("td", "手机", a, b+"<!--a--> <!--b-->"+h, c),
			"two comments in decoy":   linkedRow("td", "手机", a, b+"<i class=x><!--a-->9<!--b--></i>", c),
			"opener after &nbsp;s":    linkedRow("td", "手机", a, b, "&nbsp;&nbsp; &nbsp;"+h+c),
			"th opener after &#xa0;":  linkedRow("th", "手机", a, b, "&#xa0;"+h+c),
			"last closer, page's end": linked + "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + "</td><td>" + c + h,
		} {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, page, ct)
				shown := tagsRE.ReplaceAllString(out, "")
				if mobileShown.MatchString(shown) || strings.Contains(engineDigitsShown(out), m) || strings.Contains(out, c) && strings.Contains(out, b) {
					t.Errorf("%s/%s: the mobile %s goes out: %q", name, ct, m, out)
				}
			}
			res := mustInspect(t, testEngine(t), []byte(page), "text/html", "", Redact)
			if n := countCategory(res.Findings, detect.CNMobile); n != 1 {
				t.Errorf("%s: %d mobiles counted, want 1", name, n)
			}
		}
	}
	for _, page := range []string{
		linkedRow("td", "数量", "12", "34<b>x</b>\n", "56"),
		linkedRow("td", "数量", "12", "34<b><!--c-->x</b>&nbsp;", "56"),
		linkedRow("td", "价格", "12<span class=h>.00</span>&nbsp;", "&nbsp;<i>3</i>4"),
		linkedRow("td", "\n型号\n", "\n138<!--c--><span class=h>9</span>\n", "\n2024\n"),
		linked + "<p>共 12 <b><!--c-->件</b>&nbsp;</p><p>3 元</p>",
		linked + "<p>第 3 页 <span class=n>4</span>",
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			if out := cellsRedacted(t, page, ct); out != page {
				t.Errorf("%s: clean page changed: %q -> %q", ct, page, out)
			}
		}
	}
}
