package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack31PDFBaselineChainSplit: layout groups the runs of one
// baseline by distance from the first run of the group (half its font
// size), not from each other. A run drawn a little above a line steals
// the first half of a mobile into its group, and the second half, drawn
// 0.1 unit under the first (the same line on any viewer) and first in
// draw order, falls into the next group: the halves are never laid out
// together and the mobile goes out whole.
func TestAttack31PDFBaselineChainSplit(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := "("+m[:3]+")", "("+m[3:]+")"
	rows := map[string]string{
		// a 1.2 pt dot 0.5 above the line: eps 0.6, a at 0.5 in, b at 0.6 out
		"tiny run above": "BT /F1 1.2 Tf 300 700.5 Td (.) Tj ET BT /F1 12 Tf 92.016 699.9 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET",
		// a 12 pt word 5.5 above: eps 6, a at 5.5 in, b at 6.1 out
		"word above": "BT /F1 12 Tf 300 705.5 Td (Total) Tj ET BT /F1 12 Tf 92.016 699.4 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET",
	}
	for name, content := range rows {
		// control: without the stealing run the halves are joined
		ctl := content[strings.Index(content, "ET ")+3:]
		cpdf := pdfOf(ctl, "(Invoice)", true, false)
		cres := mustInspect(t, eng, cpdf, "application/pdf", "", Redact)
		if !cres.Changed || strings.Contains(string(cres.Body), b) {
			t.Errorf("%s control: halves not joined without the run above", name)
		}
		pdf := pdfOf(content, "(Invoice)", true, false)
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if err != nil {
			continue // refusing is fail-closed
		}
		if strings.Contains(string(res.Body), b) {
			t.Errorf("%s: mobile %s drawn on one line passed (changed %v)", name, m, res.Changed)
		}
	}
}

// TestAttack31PDFDrawnOverSplits: layLine reads a run that starts where
// the run before it in position starts as drawn over it, apart. A blank
// (a space, or a 0.01 pt letter) drawn first at the start of a mobile's
// second half takes that place: the first half joins the blank, the
// second half is set apart from both, and the halves, drawn back to
// front, are never read joined. The page shows the mobile whole.
func TestAttack31PDFDrawnOverSplits(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := "("+m[:3]+")", "("+m[3:]+")"
	for name, blank := range map[string]string{
		"space":       "BT /F1 12 Tf 92.016 700 Td ( ) Tj ET ",
		"tiny letter": "BT /F1 0.01 Tf 92.016 700 Td (x) Tj ET ",
	} {
		content := blank + "BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET"
		ctl := "BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET BT /F1 12 Tf 72 700 Td " + a + " Tj ET"
		if res := mustInspect(t, eng, pdfOf(ctl, "(Invoice)", true, false), "application/pdf", "", Redact); !res.Changed {
			t.Fatalf("control: the halves back to front are not joined either")
		}
		res, err := Inspect(eng, pdfOf(content, "(Invoice)", true, false), "application/pdf", "", Redact, Limits{})
		if err == nil && strings.Contains(string(res.Body), b) {
			t.Errorf("%s drawn first at the second half's start: mobile %s passed", name, m)
		}
	}
}

// TestAttack31PDFLineBackAcrossStreams: a page's content streams are one
// drawing; a line drawn in the first stream and gone back to in the
// second (after another line the first stream ends within) is one line on
// the page. flushHead hands on the lines before the last at the second
// stream's start and forgets their runs, so the second half drawn on the
// first line is laid out alone: the mobile passes. Within one stream the
// same drawing is masked.
func TestAttack31PDFLineBackAcrossStreams(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	first := "BT /F1 12 Tf 72 700 Td (" + m[:3] + ") Tj ET BT /F1 12 Tf 72 600 Td (x) Tj"
	second := "ET BT /F1 12 Tf 92.016 700 Td (" + m[3:] + ") Tj ET"
	if res := mustInspect(t, eng, pdfOf(first+" "+second, "(Invoice)", true, false), "application/pdf", "", Redact); !res.Changed {
		t.Fatalf("control: one stream is not masked either")
	}
	res, err := Inspect(eng, pdfTwoStreams(first, second), "application/pdf", "", Redact, Limits{})
	if err == nil && strings.Contains(string(res.Body), m[3:]) {
		t.Errorf("line gone back to in the page's next stream: mobile %s passed", m)
	}
	// each stream a whole text object: the halves in draw order, glued
	res, err = Inspect(eng, pdfTwoStreams("BT /F1 12 Tf 72 700 Td ("+m[:3]+") Tj ET", "BT /F1 12 Tf 92.016 700 Td ("+m[3:]+") Tj ET"), "application/pdf", "", Redact, Limits{})
	if err == nil && strings.Contains(string(res.Body), m[3:]) {
		t.Errorf("halves in two whole streams of one page, glued on one baseline: mobile %s passed", m)
	}
}

// TestAttack31PDFDirectionKeySplit: layout groups runs by their
// baseline's direction rounded to a thousandth of a radian; a second
// half drawn under a rotation of 0.0006 rad (0.03 degrees: the same line
// to the eye, 0.005 units off over its length) has another key, is laid
// out on another line, and, drawn first, is never joined to the first
// half.
func TestAttack31PDFDirectionKeySplit(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	content := "BT /F1 12 Tf 1 0.0006 -0.0006 1 92.016 700 Tm (" + m[3:] + ") Tj ET BT /F1 12 Tf 1 0 0 1 72 700 Tm (" + m[:3] + ") Tj ET"
	res, err := Inspect(eng, pdfOf(content, "(Invoice)", true, false), "application/pdf", "", Redact, Limits{})
	if err == nil && strings.Contains(string(res.Body), m[3:]) {
		t.Errorf("second half rotated by 0.0006 rad, drawn first: mobile %s passed", m)
	}
}
