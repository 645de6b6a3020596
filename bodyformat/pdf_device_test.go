package bodyformat

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFSameDeviceBaselineJoined: strings a viewer draws on one device
// baseline (pdf.js compares positions under ctm × Tm; poppler lays text
// out by device position) are read joined and masked, even when the two
// halves of a mobile are drawn under other transformation matrices (cm)
// or in reverse order (the second half first, further along), on a line
// gone back to after another, or in a rotated direction.
func TestPDFSameDeviceBaselineJoined(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := "("+m[:3]+")", "("+m[3:]+")"
	bt := "BT /F1 12 Tf 72 700 Td " + a + " Tj ET "
	rows := map[string]string{
		"cm up, Td down (same device y)":     bt + "q 1 0 0 1 0 100 cm BT /F1 12 Tf 92.016 600 Td " + b + " Tj ET Q",
		"cm scale 2, half coordinates":       bt + "q 2 0 0 2 0 0 cm BT /F1 6 Tf 46.008 350 Td " + b + " Tj ET Q",
		"cm in same text object compensates": "BT /F1 12 Tf 72 700 Td " + a + " Tj ET q 1 0 0 1 0 -50 cm BT /F1 12 Tf 92.016 750 Td " + b + " Tj ET Q",
		"Tm absolute, cm translate first":    "q 1 0 0 1 0 10 cm BT /F1 12 Tf 1 0 0 1 72 690 Tm " + a + " Tj ET Q BT /F1 12 Tf 1 0 0 1 92.016 700 Tm " + b + " Tj ET",
		"reverse draw order (poppler sorts)": "BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET",
		"line gone back to":                  bt + "BT /F1 12 Tf 72 600 Td (Total) Tj ET BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET",
		"rotated, reverse order":             "BT /F1 12 Tf 0 1 -1 0 300 120.016 Tm " + b + " Tj ET BT /F1 12 Tf 0 1 -1 0 300 100 Tm " + a + " Tj ET",
		"rotated by cm, Td along":            "q 0 1 -1 0 0 0 cm BT /F1 12 Tf 100 -300 Td " + a + " Tj 20.016 0 Td " + b + " Tj ET Q",
		"TJ kerning":                         "BT /F1 12 Tf 72 700 Td [" + a + " -50 " + b + "] TJ ET",
	}
	for name, content := range rows {
		for label, pdf := range map[string][]byte{"": pdfOf(content, "(Invoice)", true, false), ", labelled an image": pdfImageLabelled(content)} {
			res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
			if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), b) {
				t.Errorf("%s%s: changed %v, mobile %s passed", name, label, res.Changed, m)
				continue
			}
			checkPDFOffsets(t, name, res.Body)
		}
	}
}

// TestPDFApartStringsNotJoined: strings a viewer shows apart are not
// glued into a mobile: a text rise of 30 units lifts the second off the
// line, a large TJ gap or a far Td along the line is read as a space (as
// pdf.js and poppler put one), and runs laid out on one baseline with a
// gap between are read after a space: "(13800)" and "(138000)" go out
// byte for byte.
func TestPDFApartStringsNotJoined(t *testing.T) {
	eng := testEngine(t)
	x, y := "(13800)", "(138000)"
	for name, content := range map[string]string{
		"text rise":            "BT /F1 12 Tf 72 700 Td " + x + " Tj 30 Ts " + y + " Tj ET",
		"text rise negative":   "BT /F1 12 Tf 72 700 Td " + x + " Tj -30 Ts " + y + " Tj ET",
		"TJ big gap":           "BT /F1 12 Tf 72 700 Td [" + x + " -30000 " + y + "] TJ ET",
		"TJ word gap":          "BT /F1 12 Tf 72 700 Td [" + x + " -250 " + y + "] TJ ET",
		"Td far along":         "BT /F1 12 Tf 72 700 Td " + x + " Tj 400 0 Td " + y + " Tj ET",
		"reverse, gap between": "BT /F1 12 Tf 300 700 Td " + y + " Tj ET BT /F1 12 Tf 72 700 Td " + x + " Tj ET",
		"line gone back, far":  "BT /F1 12 Tf 72 700 Td " + x + " Tj ET BT 72 600 Td (Total) Tj ET BT 300 700 Td " + y + " Tj ET",
	} {
		for label, pdf := range map[string][]byte{"": pdfOf(content, "(Invoice)", true, false), ", labelled an image": pdfImageLabelled(content)} {
			res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
			if res.Changed || res.Summary.Categories != 0 {
				t.Errorf("%s%s: changed %v, %+v", name, label, res.Changed, res.Summary)
			}
		}
	}
}

// TestPDFLostTransformationRefused: a cm made deeper than the q … Q
// depth whose matrices are kept, then undone by its Q, leaves the
// transformation unknown: a text with strings drawn under it cannot be
// laid out (its halves drawn back to front would pass), so the
// inspection fails closed; the same nesting with nothing drawn under it
// passes.
func TestPDFLostTransformationRefused(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	deep := strings.Repeat("q ", maxPDFSaved+2) + "1 0 0 1 0 300 cm Q "
	content := deep + "BT /F1 12 Tf 92.016 700 Td (" + m[3:] + ") Tj ET BT 72 700 Td (" + m[:3] + ") Tj ET"
	if _, err := Inspect(eng, pdfOf(content, "(Invoice)", true, false), "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("strings under a lost transformation: err %v", err)
	}
	content = "BT /F1 12 Tf 72 700 Td (Total) Tj ET " + deep + strings.Repeat("Q ", maxPDFSaved+1) + "BT /F1 12 Tf 72 680 Td (Done) Tj ET"
	if _, err := Inspect(eng, pdfOf(content, "(Invoice)", true, false), "application/pdf", "", Redact, Limits{}); err != nil {
		t.Errorf("deep q … Q, nothing drawn under it: err %v", err)
	}
}

// TestPDFTooManyRunsRefused: a text of more runs than maxPDFSegs (each
// on its own line) is not laid out in part: the inspection fails closed.
func TestPDFTooManyRunsRefused(t *testing.T) {
	eng := testEngine(t)
	content := "BT /F1 12 Tf 72 700 Td " + strings.Repeat("0 -1 Td (1) Tj ", maxPDFSegs+1) + "ET"
	_, err := Inspect(eng, pdfOf(content, "(Invoice)", true, false), "application/pdf", "", Redact, Limits{})
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("%d runs: err %v", maxPDFSegs+1, err)
	}
	content = "BT /F1 12 Tf 72 700 Td " + strings.Repeat("0 -1 Td (1) Tj ", maxPDFSegs/2) + "ET"
	if _, err := Inspect(eng, pdfOf(content, "(Invoice)", true, false), "application/pdf", "", Redact, Limits{}); err != nil {
		t.Errorf("%d runs: err %v", maxPDFSegs/2, err)
	}
}

// TestPDFCarriedLineLaidOut: a line one content stream ends within and
// the next goes on with is laid out over both: its second half drawn
// first, in the first stream (after another line, or before a string no
// operator shows, which pdf.js leaves on its stack), and its first half
// drawn in the next, further back, is read joined and masked.
func TestPDFCarriedLineLaidOut(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	for name, first := range map[string]string{
		"after another line": "BT /F1 12 Tf 72 700 Td (Line one of the report) Tj ET BT /F1 12 Tf 92.016 680 Td (" + m[3:] + ") Tj",
		"string not shown":   "BT /F1 12 Tf 92.016 680 Td (" + m[3:] + ") Tj ET (x)",
	} {
		pdf := pdfTwoStreams(first, "ET BT /F1 12 Tf 72 680 Td ("+m[:3]+") Tj ET")
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), m[3:]) {
			t.Errorf("%s: a line carried over two streams, drawn back to front: changed %v", name, res.Changed)
		}
		checkPDFOffsets(t, name, res.Body)
	}
}

// TestPDFBaselineChainedBetweenNeighbours: runs are put on one baseline
// by their distance from the run next to them (half the larger font
// size), not from the first of the group: a run drawn a little above
// the line (a 1.2 pt dot 0.5 over it, a word 5.5 over it) no longer
// takes the first half of a mobile into a group of its own while the
// second half, 0.1 under the first and drawn first, falls into the
// next one (attack31 F1: the halves were never laid out together and the
// mobile passed). Without the run above the halves are joined too.
func TestPDFBaselineChainedBetweenNeighbours(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := "("+m[:3]+")", "("+m[3:]+")"
	rows := map[string]string{
		"tiny run above": "BT /F1 1.2 Tf 300 700.5 Td (.) Tj ET BT /F1 12 Tf 92.016 699.9 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET",
		"word above":     "BT /F1 12 Tf 300 705.5 Td (Total) Tj ET BT /F1 12 Tf 92.016 699.4 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET",
	}
	for name, content := range rows {
		ctl := content[strings.Index(content, "ET ")+3:]
		for label, c := range map[string]string{"": content, ", without the run above": ctl} {
			pdf := pdfOf(c, "(Invoice)", true, false)
			res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
			if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), b) {
				t.Errorf("%s%s: mobile %s drawn on one line passed (changed %v)", name, label, m, res.Changed)
				continue
			}
			checkPDFOffsets(t, name, res.Body)
		}
	}
}

// TestPDFBlankDrawnOverKeepsLine: a blank run (a space glyph) is left out
// of the layout, as poppler makes no word of a space, a run much smaller
// than the line's is read apart from it, and of runs drawn over one
// another the line goes on with the one of the larger font size: a space
// or a 0.01 pt letter drawn first at (or just before) the start of a
// mobile's second half, or a 1 pt word between the halves, no longer
// sets the halves, drawn back to front, apart (attack31 F2); nor does a
// 0.01 pt letter shown between them in draw order. Two numbers
// drawn over each other are still read apart.
func TestPDFBlankDrawnOverKeepsLine(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := "("+m[:3]+")", "("+m[3:]+")"
	halves := "BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET"
	for name, blank := range map[string]string{
		"none":          "",
		"space":         "BT /F1 12 Tf 92.016 700 Td ( ) Tj ET ",
		"spaces":        "BT /F1 12 Tf 92.016 700 Td (  \t ) Tj ET BT /F1 12 Tf 72 700 Td ( ) Tj ET ",
		"tiny letter":   "BT /F1 0.01 Tf 92.016 700 Td (x) Tj ET ",
		"tiny, before":  "BT /F1 0.01 Tf 91.9 700 Td (x) Tj ET ",
		"tiny, between": "BT /F1 1 Tf 85 700 Td (xy) Tj ET ",
		"space between": "BT /F1 12 Tf 80 700 Td ( ) Tj ET ",
	} {
		pdf := pdfOf(blank+halves, "(Invoice)", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), b) {
			t.Errorf("%s drawn first at the second half's start: mobile %s passed (changed %v)", name, m, res.Changed)
			continue
		}
		checkPDFOffsets(t, name, res.Body)
	}
	inline := "BT /F1 12 Tf 72 700 Td " + a + " Tj /F1 0.01 Tf (x) Tj /F1 12 Tf " + b + " Tj ET"
	if res := mustInspect(t, eng, pdfOf(inline, "(Invoice)", true, false), "application/pdf", "", Redact); !res.Changed || strings.Contains(string(res.Body), b) {
		t.Errorf("a 0.01 pt letter shown between the halves in draw order: mobile %s passed", m)
	}
	over := "BT /F1 12 Tf 72 700 Td (13800) Tj ET BT /F1 12 Tf 72 700 Td ( ) Tj ET BT /F1 12 Tf 72 700 Td (138000) Tj ET"
	if res := mustInspect(t, eng, pdfOf(over, "(Invoice)", true, false), "application/pdf", "", Redact); res.Changed || res.Summary.Categories != 0 {
		t.Errorf("numbers drawn over each other joined: changed %v, %+v", res.Changed, res.Summary)
	}
}

// TestPDFNearDirectionsOneLine: baselines whose directions differ by less
// than pdfDirGap (a 0.0006 rad rotation: the same line to the eye) are
// laid out as one direction, in the frame of the first: the second half
// of a mobile drawn first under such a rotation is joined to the first
// (attack31 F4: directions were keyed rounded to a thousandth of a
// radian, and 0.0006 rounded away from 0). Directions around the circle's
// end (π and −π) are one too; a real rotation stays apart.
func TestPDFNearDirectionsOneLine(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	for name, content := range map[string]string{
		"0.0006 rad":           "BT /F1 12 Tf 1 0.0006 -0.0006 1 92.016 700 Tm (" + m[3:] + ") Tj ET BT /F1 12 Tf 1 0 0 1 72 700 Tm (" + m[:3] + ") Tj ET",
		"-0.0006 rad":          "BT /F1 12 Tf 1 -0.0006 0.0006 1 92.016 700 Tm (" + m[3:] + ") Tj ET BT /F1 12 Tf 1 0 0 1 72 700 Tm (" + m[:3] + ") Tj ET",
		"upside down, π ± ε":   "BT /F1 12 Tf -1 0.0003 -0.0003 -1 479.984 700 Tm (" + m[3:] + ") Tj ET BT /F1 12 Tf -1 -0.0003 0.0003 -1 500 700 Tm (" + m[:3] + ") Tj ET",
		"chain of small turns": "BT /F1 12 Tf 1 0.0008 -0.0008 1 92.016 700 Tm (" + m[3:] + ") Tj ET BT /F1 12 Tf 1 0.0004 -0.0004 1 300 700 Tm (Total) Tj ET BT /F1 12 Tf 1 0 0 1 72 700 Tm (" + m[:3] + ") Tj ET",
	} {
		pdf := pdfOf(content, "(Invoice)", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), m[3:]) {
			t.Errorf("%s: second half drawn first under a slight rotation: mobile %s passed (changed %v)", name, m, res.Changed)
			continue
		}
		checkPDFOffsets(t, name, res.Body)
	}
	turned := "BT /F1 12 Tf 0.995 0.0998 -0.0998 0.995 92.016 700 Tm (138000) Tj ET BT /F1 12 Tf 1 0 0 1 72 700 Tm (13800) Tj ET"
	if res := mustInspect(t, eng, pdfOf(turned, "(Invoice)", true, false), "application/pdf", "", Redact); res.Changed || res.Summary.Categories != 0 {
		t.Errorf("a run turned 0.1 rad joined: changed %v, %+v", res.Changed, res.Summary)
	}
}

// TestPDFTableColumnsNotJoined: a clean table of numbers in columns is
// not laid out into false identifiers: rows a line apart stay apart
// however they are drawn (column by column, back to front), with a small
// footnote mark above a cell, a dot drawn just over a row, a title in a
// larger size above, cells drawn over one another, and a row turned by a
// hair; cells of a row are read after a space.
func TestPDFTableColumnsNotJoined(t *testing.T) {
	eng := testEngine(t)
	cells := [][]string{
		{"13800", "138000", "2024", "110105"},
		{"19", "900101", "12345", "67890"},
		{"18612", "345678", "3", "1995"},
		{"42", "12345678", "20240101", "1234"},
	}
	var b strings.Builder
	b.WriteString("BT /F1 18 Tf 72 730 Td (Quarterly figures) Tj ET ")
	for col := 3; col >= 0; col-- {
		for row := range cells {
			y := strconv.Itoa(700 - 14*row)
			x := strconv.Itoa(72 + 120*col)
			b.WriteString("BT /F1 10 Tf " + x + " " + y + " Td (" + cells[row][col] + ") Tj ET ")
		}
	}
	b.WriteString("BT /F1 6 Tf 102 704 Td (1) Tj ET ")                     // a footnote mark over a cell
	b.WriteString("BT /F1 1.2 Tf 400 686.5 Td (.) Tj ET ")                 // a dot just over a row
	b.WriteString("BT /F1 10 Tf 72 672 Td (18612) Tj ET ")                 // a cell drawn twice
	b.WriteString("BT /F1 10 Tf 1 0.0006 -0.0006 1 560 658 Tm (5) Tj ET ") // a hair turned
	content := b.String()
	for label, pdf := range map[string][]byte{"": pdfOf(content, "(Invoice)", true, false), ", labelled an image": pdfImageLabelled(content)} {
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if res.Changed || res.Summary.Categories != 0 {
			t.Errorf("a clean table%s: changed %v, %+v", label, res.Changed, res.Summary)
		}
	}
}

// TestPDFLineBackAcrossPageStreams: the content streams of one page are
// laid out together, as a viewer lays out a page: a line drawn in the
// page's first stream and gone back to in the next (after another line
// the first ends within) is read joined and masked (attack31 F3: the
// runs of the lines before the last were forgotten at the next stream),
// whether /Contents lists the streams, names an array of them, lists
// them around another page's stream, or no page names them; each
// stream a whole text object, the halves glued on one baseline, too.
// Numbers at the same place on two pages are not joined.
func TestPDFLineBackAcrossPageStreams(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	first := "BT /F1 12 Tf 72 700 Td (" + m[:3] + ") Tj ET BT /F1 12 Tf 72 600 Td (x) Tj"
	second := "ET BT /F1 12 Tf 92.016 700 Td (" + m[3:] + ") Tj ET"
	other := "BT /F1 12 Tf 72 500 Td (Other page) Tj ET"
	stream := func(c string) string {
		return "<< /Length " + strconv.Itoa(len(c)) + " >>\nstream\n" + c + "\nendstream"
	}
	rows := map[string][]byte{
		"one stream":         pdfOf(first+" "+second, "(Invoice)", true, false),
		"two streams":        pdfTwoStreams(first, second),
		"whole text objects": pdfTwoStreams("BT /F1 12 Tf 72 700 Td ("+m[:3]+") Tj ET", "BT /F1 12 Tf 92.016 700 Td ("+m[3:]+") Tj ET"),
		"contents array named": pdfObjects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>", stream(first), stream(second), "[4 0 R 5 0 R]",
		}),
		"around another page": pdfObjects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 6 0 R] >>", stream(first), stream(other), stream(second),
			"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
		}),
		"no page names them": pdfObjects([]string{"<< /Type /Catalog >>", stream(first), stream(other), stream(second)}),
	}
	for name, pdf := range rows {
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), m[3:]) {
			t.Errorf("%s: a line gone back to in the page's next stream: mobile %s passed (changed %v)", name, m, res.Changed)
			continue
		}
		checkPDFOffsets(t, name, res.Body)
	}
	two := pdfPagesOf([][]string{
		{"BT /F1 12 Tf 72 700 Td (13800) Tj ET BT /F1 12 Tf 72 600 Td (Total) Tj ET"},
		{"BT /F1 12 Tf 100 700 Td (138000) Tj ET BT /F1 12 Tf 72 600 Td (Total) Tj ET"},
	})
	if res := mustInspect(t, eng, two, "application/pdf", "", Redact); res.Changed || res.Summary.Categories != 0 {
		t.Errorf("numbers at one place on two pages joined: changed %v, %+v", res.Changed, res.Summary)
	}
}

// TestPDFPageSpans: the stretches of a file its pages' content streams
// lie in: a page's streams listed directly or through an array object
// make one stretch, pages whose streams interleave are merged into one,
// and a file naming more than maxPDFPageRefs streams has none (it is
// refused: TestPDFPagesPastBoundsRefused).
func TestPDFPageSpans(t *testing.T) {
	c := "<< /Length 1 >>\nstream\nx\nendstream"
	pdf := pdfObjects([]string{
		"<< /Type /Page /Contents [4 0 R 5 0 R] >>", // 1: objects 4 and 5
		"<< /Type /Page /Contents 3 0 R >>",         // 2: the array 3 names 6 and 8
		"[6 0 R 8 0 R]",
		c, c, c,
		"<< /Type /Page /Contents 7 0 R >>", // 7: object 7, inside 6 … 8
		c,
		"<< /Type /Page /Contents [10 0 R] >>", // 9: object 10
		c,
	})
	at := func(num int) int {
		i := strings.Index(string(pdf), "\n"+strconv.Itoa(num)+" 0 obj")
		return i + len(" 0 obj") + len(strconv.Itoa(num)) + 1
	}
	spans := pdfPageSpans(pdf, newMeter(Limits{}.withDefaults()))
	want := []pdfPageSpan{{at(4), at(5)}, {at(6), at(8)}, {at(10), at(10)}}
	if !slices.Equal(spans, want) {
		t.Fatalf("spans %v, want %v", spans, want)
	}
	if p, q := pdfPageAt(spans, at(7)), pdfPageAt(spans, at(8)); p != 1 || q != 1 || pdfPageAt(spans, at(9)) != -1 {
		t.Errorf("page of object 7: %d, of 8: %d", p, q)
	}
	many := pdfObjects([]string{"<< /Contents [" + strings.Repeat("2 0 R ", maxPDFPageRefs+1) + "] >>", c})
	if spans := pdfPageSpans(many, newMeter(Limits{}.withDefaults())); spans != nil {
		t.Errorf("%d references: spans %v, want none", maxPDFPageRefs+1, spans)
	}
}
