package bodyformat

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix49Mobile is a synthetic mobile starting 13x, 15x, 17x or 18x.
func fix49Mobile(r *rand.Rand) string {
	for {
		if m := synth.CNMobile(r); strings.ContainsRune("3578", rune(m[1])) {
			return m
		}
	}
}

// mobileShown finds an 11-digit mobile in the text a page shows, its tags
// taken out.
var mobileShown = regexp.MustCompile(`1[3-9][0-9]{9}`)

// TestFix49HiddenCellsReadInOrder: a mobile whose groups stand in the
// cells of a labelled row, the last cell opening with an element a rule
// of the page's sheet hides (<span class=h>x</span>1350, .h{display:none}),
// is masked. The hiding reading took every text-only element right after
// a digit for a decoy a linked sheet may hide, a cell after a cell too
// (unresolvedDecoy): the middle cell's text went after the page's, the
// row read 138|1350|4277, and that reading's mask, its separators in it,
// was written over 138</td><td>4277 with the digits it keeps over other
// bytes than they stood for: the mobile went out in order. A cell opened
// after a cell's end is no decoy now, and a finding whose parts are out
// of the page's order is starred over its whole span (separatedFinding).
//
// text/plain: a browser shows text/plain as source, the digits apart;
// but the filter already reads markup in text (and in an event's data)
// as a sniffing receiver renders it (readMarkup: TestCellMasksKeepCells
// masks the same rows as text/plain), so the hiding view is read there in
// the same readings as the page's first view, and the mobile is masked in
// every type.
func TestFix49HiddenCellsReadInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 1))
	const sheet = "<style>.h{display:none}</style>"
	for range 5 {
		m := fix49Mobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		for _, tc := range []struct {
			name, page string
			inPlace    bool // masked in its cells, every tag kept
		}{
			{"hidden element opens the last cell", sheet + "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + "</td><td><span class=h>x</span>" + c + "</td></tr></table>", true},
			{"hidden element opens the middle cell", sheet + "<table><tr><td>手机</td><td>" + a + "</td><td><span class=h>x</span>" + b + "</td><td>" + c + "</td></tr></table>", true},
			{"hidden element opens the last paragraph", sheet + "<p>手机</p><p>" + a + "</p><p>" + b + "</p><p><span class=h>x</span>" + c + "</p>", true},
			// a group in a hidden element, read after the page (out of its order)
			{"middle group hidden by the sheet", sheet + "<table><tr><td>手机</td><td>" + a + "</td><td><span class=h>" + b + "</span></td><td>" + c + "</td></tr></table>", false},
			{"middle group hidden by an attribute", "<table><tr><td>手机</td><td>" + a + "</td><td><span hidden>" + b + "</span></td><td>" + c + "</td></tr></table>", false},
			{"a hidden digit after the middle group", sheet + "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + "<span class=h>9</span></td><td>" + c + "</td></tr></table>", false},
		} {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, tc.page, ct)
				shown := tagsRE.ReplaceAllString(out, "")
				if mobileShown.MatchString(shown) || strings.Contains(engineDigitsShown(out), m) || strings.Contains(engineDigitsShown(out), b) {
					t.Errorf("%s/%s: the mobile %s goes out: %q", tc.name, ct, m, out)
				}
				if strings.Contains(out, markupSep) {
					t.Errorf("%s/%s: a view's separator written into the page: %q", tc.name, ct, out)
				}
				if tc.inPlace {
					if got, want := pageTags.FindAllString(out, -1), pageTags.FindAllString(tc.page, -1); !slices.Equal(got, want) {
						t.Errorf("%s/%s: markup changed: %q", tc.name, ct, out)
					}
				}
			}
			if tc.inPlace {
				res := mustInspect(t, testEngine(t), []byte(tc.page), "text/html", "", Redact)
				if n := countCategory(res.Findings, detect.CNMobile); n != 1 {
					t.Errorf("%s: %d mobiles counted, want 1: %+v", tc.name, n, res.Findings)
				}
			}
		}
	}
	// clean rows, decoys and all: byte for byte as they came
	for _, page := range []string{
		sheet + "<table><tr><td>数量</td><td>12</td><td>34</td><td><span class=h>x</span>56</td></tr></table>",
		sheet + "<table><tr><td>138</td><td>2024</td><td><span class=h>x</span>1350</td><td>7</td></tr></table>",
		"<link rel=stylesheet href=/s.css><table><tr><td>12</td><td>34</td><td>56</td></tr><tr><td>1</td><td>2</td></tr></table>",
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			if out := cellsRedacted(t, page, ct); out != page {
				t.Errorf("%s: clean page changed: %q -> %q", ct, page, out)
			}
		}
	}
}

// countCategory is how many of fs are of category c.
func countCategory(fs []detect.Finding, c detect.Category) int {
	n := 0
	for _, f := range fs {
		if f.Category == c {
			n++
		}
	}
	return n
}

// TestFix49BackspacesAfterIDMasked: an ID followed by backspaces and
// letters (note <ID>\b\b\b\bok, note <ID>\bok) passed raw. A terminal
// draws ok over the ID's last digits (no valid ID on its screen), but a
// file, a log viewer and a JSON log's reader show the ID whole, the
// control (^H, \b) after it; the engine read the backspaces through, as
// it reads controls between digits, and then took ok for letters glued to
// the ID (no ID, a token's digits). A letter after a control is no glue
// now (detect's digitRun.finish): the plain reading finds the ID, the
// terminal reading is read too, and a finding of either is masked.
func TestFix49BackspacesAfterIDMasked(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 2))
	eng := testEngine(t)
	for k := range 6 {
		id := synth.CNID18(r)
		if k%2 == 1 {
			id = synth.CNID18X(r)
		}
		for _, tail := range []string{"\b\b\b\bok", "\bok", "\x7fok"} {
			for _, tc := range []struct{ name, body, ct, before, after string }{
				{"text", "note " + id + tail, "text/plain", "note ", tail},
				{"text, line", "note " + id + tail + "\nnext line 42\n", "text/plain", "note ", tail + "\nnext line 42\n"},
				{"untyped", "note " + id + tail, "", "note ", tail},
				{"JSON escapes", `{"msg":` + jsonString("note "+id+tail) + `}`, ctJSON, `{"msg":"note `, strings.TrimPrefix(jsonString(tail), `"`) + `}`},
			} {
				res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
				out := string(res.Body)
				if strings.Contains(out, id) || strings.Contains(out, id[6:14]) {
					t.Errorf("%s %q: the ID goes out: %q", tc.name, tail, out)
				}
				if countCategory(res.Findings, detect.CNID) != 1 {
					t.Errorf("%s %q: findings %+v, want one ID", tc.name, tail, res.Findings)
				}
				if !strings.HasPrefix(out, tc.before) || !strings.HasSuffix(out, tc.after) {
					t.Errorf("%s %q: the text around the ID changed: %q", tc.name, tail, out)
				}
			}
		}
	}
	// controls before letters that follow no identifier: kept
	for _, body := range []string{"build 2024\bok", "note 12345678\b\b\bok", "v1\x1b[0mok 42\bx"} {
		if res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact); len(res.Findings) != 0 || string(res.Body) != body {
			t.Errorf("%q: %+v -> %q", body, res.Findings, res.Body)
		}
	}
}
