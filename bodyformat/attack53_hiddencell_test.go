package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAttack53HiddenCellDecoyVariants (attack53a F4): a decoy closing or
// opening a cell (fix52cells: 5390<span class=h>9</span></td>) that a
// linked sheet may hide, written as pages write it, goes out with the
// mobile in order (138|8816|5390 shown): white space after the decoy
// before the cell's end (a newline: pretty-printed templates; &nbsp;), a
// comment inside the decoy or between the digits and it (closesAfterDigit
// wants the digit right before the opening tag and text right before the
// closing one), a comment inside a decoy opening a <th>, a decoy opening
// a cell after &nbsp;, a row pretty-printed (each cell's text on a line
// of its own). Should: masked
// as the bare shapes of TestFix52HiddenCellDecoys are. (Shapes that are
// masked already are kept as a guard.)
func TestAttack53HiddenCellDecoyVariants(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 3))
	const linked = "<link rel=stylesheet href=/s.css>"
	m := fix49Mobile(r)
	a, b, c := m[:3], m[3:7], m[7:]
	for name, page := range map[string]string{
		"entity decoy closing last":   linkedRow("td", "手机", a, b, c+"<span class=h>&#57;</span>"),
		"comment in decoy":            linkedRow("td", "手机", a, b, c+"<span class=h><!--x-->9</span>"),
		"comment before decoy":        linkedRow("td", "手机", a, b, c+"<!--x--><span class=h>9</span>"),
		"upper case decoy":            linkedRow("td", "手机", a, b, c+"<SPAN CLASS=h>9</SPAN>"),
		"custom element decoy":        linkedRow("td", "手机", a, b, c+"<x-d class=h>9</x-d>"),
		"closing tag with space":      linkedRow("td", "手机", a, b, c+"<span class=h>9</span >"),
		"th entity closing middle":    linkedRow("th", "手机", a, b+"<span class=h>&#57;</span>", c),
		"th comment opener":           linkedRow("th", "手机", a, b, "<span class=h><!--x-->9</span>"+c),
		"td upper TD":                 strings.ReplaceAll(linkedRow("td", "手机", a, b, c+"<span class=h>9</span>"), "td>", "TD>"),
		"th long tag name decoy":      linkedRow("th", "手机", a, b+"<abcdefghijklmnopq class=h>9</abcdefghijklmnopq>", c),
		"td decoy then empty element": linkedRow("td", "手机", a, b, c+"<span class=h>9</span><b></b>"),
		"td decoy with newline":       linkedRow("td", "手机", a, b, c+"<span class=h>9</span>\n"),
		"td digit, newline, decoy":    linkedRow("td", "手机", a, b, c+"\n<span class=h>9</span>"),
		"td nbsp entity then decoy":   linkedRow("td", "手机", a, b+"<span class=h>9</span>&nbsp;", c),
		"td middle closer, newline":   linkedRow("td", "手机", a, b+"<span class=h>9</span>\n", c),
		"td opener after nbsp":        linkedRow("td", "手机", a, b, "&nbsp;<span class=h>9</span>"+c),
		"pretty-printed row":          linkedRow("td", "\n手机\n", "\n"+a+"\n", "\n"+b+"<span class=h>9</span>\n", "\n"+c+"\n"),
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			out := cellsRedacted(t, page, ct)
			shown := tagsRE.ReplaceAllString(out, "")
			if mobileShown.MatchString(shown) || strings.Contains(engineDigitsShown(out), m) || strings.Contains(out, c) && strings.Contains(out, b) {
				t.Errorf("%s/%s: the mobile %s goes out: %q", name, ct, m, out)
			}
		}
	}
}
