package bodyformat

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pageTags are the tags of a page, in order, as written.
var pageTags = regexp.MustCompile(`<[^>]*>`)

// cellTexts are the texts between a page's tags, in order.
func cellTexts(page string) []string {
	return pageTags.Split(page, -1)
}

// TestCellMasksKeepCells: a mobile in a labelled table cell is masked
// and the next cell's number is left as it is; a mobile whose groups
// stand in cells (or paragraphs, list items) after a label is masked in
// each cell. Either way the page's markup is byte for byte as it was
// (a mask over the view's separators had replaced </td><td> with "\n|\n")
// and no cell's text runs into another's: in a page, in text holding
// markup and in a stream's event.
func TestCellMasksKeepCells(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(44, 3)))
	a, b, c := m[:3], m[3:7], m[7:]
	for _, tc := range []struct {
		name, page string
		kept       []string // texts (cellTexts) that stay as they were, where they were
	}{
		{"mobile in a labelled cell", "<table><tr><td>手机：" + m + "</td><td>1200</td></tr></table>", []string{"1200"}},
		{"groups in cells", "<table><tr><td>手机：" + a + "</td><td>" + b + "</td><td>" + c + "</td><td>1200</td></tr></table>", []string{"1200"}},
		{"label cell then groups", "<table><tr><td>手机：</td><td>" + a + "</td><td>" + b + "</td><td>" + c + "</td><td>1200</td></tr></table>", []string{"手机：", "1200"}},
		{"groups in paragraphs", "<p>手机：</p><p>" + a + "</p><p>" + b + "</p><p>" + c + "</p><p>1200</p>", []string{"手机：", "1200"}},
		{"groups in list items", "<ul><li>手机：" + a + "</li><li>" + b + "</li><li>" + c + "</li><li>1200</li></ul>", []string{"1200"}},
		{"mobile cell, two number cells", "<table><tr><td>电话：" + m + "</td><td>1200</td><td>5999</td></tr></table>", []string{"1200", "5999"}},
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			t.Run(tc.name+"/"+ct, func(t *testing.T) {
				out := cellsRedacted(t, tc.page, ct)
				if strings.Contains(engineDigitsShown(out), b) {
					t.Errorf("the mobile %s is shown: %q", m, out)
				}
				if got, want := pageTags.FindAllString(out, -1), pageTags.FindAllString(tc.page, -1); !slices.Equal(got, want) {
					t.Errorf("markup changed: %q, want the tags of %q", out, tc.page)
				}
				in, got := cellTexts(tc.page), cellTexts(out)
				if len(in) != len(got) {
					t.Fatalf("%d texts, was %d: %q", len(got), len(in), out)
				}
				for _, want := range tc.kept {
					if k := slices.Index(in, want); k < 0 || got[k] != want {
						t.Errorf("text %q (at %d) changed: %q", want, k, out)
					}
				}
				for k := range in {
					if utf8Len(got[k]) != utf8Len(in[k]) {
						t.Errorf("text %d is %q, was %q: a mask ran over a cell", k, got[k], in[k])
					}
				}
			})
		}
	}
}

// cellsRedacted is page redacted as a body of type ct, or as the data of
// an event of a stream ("event stream"; each line of the page a data line,
// as a server writes a page of several lines: a line that is no field is
// no data to EventSource).
func cellsRedacted(t *testing.T, page, ct string) string {
	eng := testEngine(t)
	if ct != "event stream" {
		res, err := Inspect(eng, []byte(page), ct, "", Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return string(res.Body)
	}
	var out strings.Builder
	s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
	if _, err := s.Write([]byte("data: " + strings.ReplaceAll(page, "\n", "\ndata: ") + "\n\n")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(out.String(), "data: "), "\n\n"), "\ndata: ", "\n")
}

// utf8Len is the number of characters of s.
func utf8Len(s string) int { return len([]rune(s)) }

// TestCellMasksKeepInlineTags: a number read across table cells whose
// cells hold inline markup inside their digits (<b>, <a href>, <span>, a
// comment) is masked in the digits alone: every tag, inside a cell or
// between cells, stays byte for byte where it was, and each text keeps
// its length (attack pass 45, F7: the tags inside a cell's part were
// dropped from the page).
func TestCellMasksKeepInlineTags(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(45, 7)))
	a, b, c := m[:3], m[3:7], m[7:]
	row := func(cells ...string) string {
		return "<table><tr><td>手机</td><td>" + strings.Join(cells, "</td><td>") + "</td><td>1200</td></tr></table>"
	}
	for _, tc := range []struct{ name, page string }{
		{"bold cell", row("<b>"+a+"</b>", b, c)},
		{"bold inside digits", row(a[:1]+"<b>"+a[1:]+"</b>", b, c)},
		{"link, comment, span", row(`<a href="/u/1">`+a+"</a>", b[:2]+"<!-- x -->"+b[2:], "<span>"+c[:1]+"</span>"+c[1:])},
		{"span in the middle group", row(a, b[:1]+`<span class="n">`+b[1:3]+"</span>"+b[3:], c)},
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			t.Run(tc.name+"/"+ct, func(t *testing.T) {
				out := cellsRedacted(t, tc.page, ct)
				if strings.Contains(engineDigitsShown(out), b) || !strings.Contains(out, "*") {
					t.Errorf("the mobile %s is shown: %q", m, out)
				}
				if got, want := pageTags.FindAllString(out, -1), pageTags.FindAllString(tc.page, -1); !slices.Equal(got, want) {
					t.Errorf("markup changed:\n got %q\nwant the tags of %q", out, tc.page)
				}
				in, got := cellTexts(tc.page), cellTexts(out)
				if len(in) != len(got) {
					t.Fatalf("%d texts, was %d: %q", len(got), len(in), out)
				}
				for k := range in {
					if utf8Len(got[k]) != utf8Len(in[k]) || (in[k] == "手机" || in[k] == "1200") && got[k] != in[k] {
						t.Errorf("text %d is %q, was %q", k, got[k], in[k])
					}
				}
			})
		}
	}
}

// TestCellMasksCopyNoMarkupWithData: markup a cell mask would copy as
// written (a tag inside a cell's digits, or between cells) that holds a
// number of its own (<a href="tel:…">, <td title="…">) is not copied: the
// finding made in it lies inside the mask's span and would go out raw.
// The value is masked over its whole span, that markup with it.
func TestCellMasksCopyNoMarkupWithData(t *testing.T) {
	r := rand.New(rand.NewPCG(45, 8))
	m, other := synth.CNMobile(r), synth.CNMobile(r)
	a, b, c := m[:3], m[3:7], m[7:]
	for _, tc := range []struct{ name, page string }{
		{"link inside digits", "<table><tr><td>手机</td><td>" + a + "</td><td>" + b[:2] + `<a href="tel:` + other + `">` + b[2:] + "</a></td><td>" + c + "</td><td>1200</td></tr></table>"},
		{"title between cells", "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + `</td><td title="` + other + `">` + c + "</td><td>1200</td></tr></table>"},
	} {
		for _, ct := range []string{"text/html", "text/plain", "event stream"} {
			t.Run(tc.name+"/"+ct, func(t *testing.T) {
				out := cellsRedacted(t, tc.page, ct)
				if strings.Contains(engineDigitsShown(out), b) || strings.Contains(out, other) || strings.Contains(out, other[3:7]) {
					t.Errorf("a mobile is shown: %q", out)
				}
				if !strings.Contains(out, "<td>1200</td></tr></table>") || !strings.HasPrefix(out, "<table><tr><td>手机</td>") {
					t.Errorf("the markup around the value changed: %q", out)
				}
			})
		}
	}
}
