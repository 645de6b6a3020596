package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAttack49aHiddenCellOpeners: variants of fix49hidden's row (a
// mobile's groups in a labelled row's cells, the last cell opening with
// an element a sheet hides). unresolvedDecoy now takes no element opened
// after a block's end for a decoy (m.pending): a digit in an element a
// linked sheet may hide, opening the last cell (<td><span class=h>9</span>
// 1350</td>, or the middle cell, or a list item), is read as shown only,
// 138|4277|91350, where a page whose linked sheet hides .h shows 138 4277
// 1350: the mobile goes out raw. (With the page's own sheet, a hidden div,
// list items or an inline wrapper, the same rows are masked.) Want: the
// mobile goes out in no reading of the page (text/html, text/plain, an
// event stream). Not a regression of merge49: the same rows fail on
// 0baca4b (main before it).
func TestAttack49aHiddenCellOpeners(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 77))
	const linked = "<link rel=stylesheet href=/s.css>"
	for range 3 {
		m := fix49Mobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		row := func(pre, last string) string {
			return pre + "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + "</td><td>" + last + "</td></tr></table>"
		}
		pages := map[string]string{
			"linked sheet, a digit opens the last cell":   row(linked, "<span class=h>9</span>"+c),
			"linked sheet, a digit opens the middle cell": linked + "<table><tr><td>手机</td><td>" + a + "</td><td><span class=h>9</span>" + b + "</td><td>" + c + "</td></tr></table>",
			"linked sheet, list items with a digit":       linked + "<ul><li>手机</li><li>" + a + "</li><li>" + b + "</li><li><span class=h>9</span>" + c + "</li></ul>",
		}
		for name, page := range pages {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, page, ct)
				if strings.Contains(engineDigitsShown(out), m) || strings.Contains(out, c) && strings.Contains(out, b) {
					t.Errorf("%s/%s: the mobile %s goes out: %q", name, ct, m, out)
				}
			}
		}
	}
}
