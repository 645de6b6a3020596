//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityUnresolvedDecoys checks that reading pages full of
// text-only elements between digits (each one a decoy of the second
// reading) stays linear: the engine's steps for 8n bytes are at most 8.8
// times those for n, plus a step a byte, and within the per-byte bound.
func TestComplexityUnresolvedDecoys(t *testing.T) {
	eng := testEngine(t)
	shapes := map[string]func(n int) []byte{
		"leaves": func(n int) []byte { return []byte(repeatTo(n, "1<b class=x>0</b>")) },
		"chain":  func(n int) []byte { return []byte("138" + repeatTo(n, "<i class=a>0</i>") + "12345678") },
		"spaced": func(n int) []byte { return []byte("1" + strings.Repeat(" ", n/2) + repeatTo(n/2, "<b>0</b>") + "2") },
		// decoys opening cells (openingDecoy), one cell's chain of them,
		// and closing tags each followed by inline tags (mayHoldDecoy)
		"openers":      func(n int) []byte { return []byte("<table><tr>" + repeatTo(n, "<td>1</td><td><b>0</b>2</td>")) },
		"opener chain": func(n int) []byte { return []byte("<td>1</td><td>" + repeatTo(n, "<i class=a>0</i>") + "2</td>") },
		"inline runs":  func(n int) []byte { return []byte(repeatTo(n, "</b>"+strings.Repeat("<i>", 20))) },
		// decoys closing cells after digits, header cells' openers
		// (closesAfterDigit, openingDecoy after headCellEnd)
		"closers":    func(n int) []byte { return []byte("<table><tr>" + repeatTo(n, "<td>1<i class=a>0</i></td>")) },
		"th openers": func(n int) []byte { return []byte("<table><tr>" + repeatTo(n, "<th>1</th><th><b>0</b>2</th>")) },
		// blank text and comments around decoys (decoyblank.go): closers
		// with comments and &nbsp;, openers after &nbsp;, a long run of
		// &nbsp; before many openers, leaves of comments, closers whose
		// digit is far behind a run of comments
		"blank closers": func(n int) []byte {
			return []byte("<table><tr>" + repeatTo(n, "<td>1<!--a--><i class=a><!--b-->0</i>&nbsp;\n</td>"))
		},
		"nbsp openers": func(n int) []byte { return []byte("<table><tr>" + repeatTo(n, "<td>1</td><td>&nbsp;<b>0</b>2</td>")) },
		"nbsp run": func(n int) []byte {
			return []byte("<td>1</td><td>" + repeatTo(n/2, "&nbsp;") + repeatTo(n/2, "<b>0</b>") + "2</td>")
		},
		"comment leaves": func(n int) []byte {
			return []byte("1<b>" + repeatTo(n/2, "<!--x-->") + "</b>" + repeatTo(n/2, "<i><!--y-->"))
		},
		"comment runs": func(n int) []byte { return []byte("1" + repeatTo(n/2, "<!---->") + repeatTo(n/2, "<i>0</i>")) },
	}
	for name, gen := range shapes {
		steps := func(n int) int64 {
			detect.ResetSteps()
			if _, err := Inspect(eng, gen(n), "text/html", "", Redact, Limits{}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return detect.Steps()
		}
		const n = 32 << 10
		small, large := steps(n), steps(8*n)
		t.Logf("%s: %.2f steps a byte at 256 KiB", name, float64(large)/(8*n))
		if float64(large) > 8.8*float64(small)+8*n || float64(large)/(8*n) > maxEngineStepsPerByte {
			t.Errorf("%s: %d steps at 32 KiB, %d at 256 KiB", name, small, large)
		}
	}
}
