package bodyformat

import (
	"strconv"
	"strings"
	"testing"
)

// TestFoldedColumnInPlainText: an indented column of counts in a
// text/plain body (a report, a command's output), its numbers 3, 4 and 4
// digits long and starting 15x–18x, under a heading or none, is no YAML
// scalar a key line opens (foldKeyed): it is not read folded into a
// spaced mobile, and goes out as it came (it went out as "  150****1800⏎",
// masked and three lines made one). The delimited reading leaves the same
// column alone without a label.
func TestFoldedColumnInPlainText(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 10 {
		a := 150 + r.IntN(40)    // a three-digit count, 150–189
		b := 1000 + r.IntN(9000) // four-digit counts
		c := 1000 + r.IntN(9000)
		for _, body := range []string{
			"Totals:\n    " + strconv.Itoa(a) + "\n    " + strconv.Itoa(b) + "\n    " + strconv.Itoa(c) + "\n",
			"  " + strconv.Itoa(a) + "\n  " + strconv.Itoa(b) + "\n  " + strconv.Itoa(c) + "\n",
		} {
			res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
			if res.Changed {
				t.Errorf("clean column altered: %q -> %q", body, res.Body)
				if strings.Count(string(res.Body), "\n") != strings.Count(body, "\n") {
					t.Errorf("and its lines merged")
				}
			}
		}
	}
}
