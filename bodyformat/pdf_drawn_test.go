package bodyformat

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfStreamOf is a stream object's body holding content c: FlateDecode
// when flate, else as it is.
func pdfStreamOf(dict, c string, flate bool) string {
	if !flate {
		return pdfStreamObj(dict, c)
	}
	z := zlibOf(c)
	return "<< " + dict + " /Filter /FlateDecode /Length " + strconv.Itoa(len(z)) + " >>\nstream\n" + string(z) + "\nendstream"
}

// pdfPageDrawingForms is a PDF of two pages: page 1 shows content (its
// /Resources naming each of forms /Fm1, /Fm2 … in turn), page 2 a line
// of its own; the forms are filed after page 2's stream, where they are
// read with no page of theirs. Each stream is FlateDecode when its flag
// says so (flates[0] the page's, then one a form).
func pdfPageDrawingForms(content string, forms []string, flates ...bool) []byte {
	flate := func(k int) bool { return k < len(flates) && flates[k] }
	xobj := ""
	for k := range forms {
		xobj += " /Fm" + strconv.Itoa(k+1) + " " + strconv.Itoa(7+k) + " 0 R"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /XObject <<" + xobj + " >> >> /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		pdfStreamOf("", content, flate(0)),
		pdfStreamOf("", "BT /F1 12 Tf 72 500 Td (Page two) Tj ET", false),
	}
	for k, f := range forms {
		res := ""
		if k+1 < len(forms) {
			res = " /Resources << /XObject << /Fm" + strconv.Itoa(k+2) + " " + strconv.Itoa(8+k) + " 0 R >> >>"
		}
		objs = append(objs, pdfStreamOf("/Type /XObject /Subtype /Form /BBox [0 0 612 792]"+res, f, flate(k+1)))
	}
	return pdfObjects(objs)
}

// pdfRefusedOrMasked reports whether inspecting pdf in Redact mode
// refused it (ErrMalformed) or masked every plain copy of half in it, and
// whether a Scan of it finds personal data.
func pdfRefusedOrMasked(t *testing.T, pdf []byte, half string) (redacted, found bool) {
	t.Helper()
	eng := testEngine(t)
	res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
	switch {
	case err != nil && !errors.Is(err, ErrMalformed):
		t.Fatalf("Redact: %v", err)
	case err != nil:
		redacted = true
	default:
		redacted = !bytes.Contains(res.Body, []byte("("+half+")"))
	}
	scan, err := Inspect(eng, pdf, "application/pdf", "", Scan, Limits{})
	return redacted, err != nil || scan.Summary.Categories != 0
}

// TestPDFCompressedFormsReadWithPage (issue #9): a page starts a mobile
// ("Tel 138" at x 72) that a form it draws ends ("12345678" where that
// ends), the form filed after the next page's stream. Every viewer shows
// "Tel 13812345678". When the form, the page's content stream or both
// were FlateDecode, the form was not read where drawn (a compressed form
// was read decoded on its own; a Do in a compressed stream was not
// followed) and the mobile passed. The halves are now read where drawn:
// found in a Scan, and in Redact the body refused (the compressed half
// cannot be masked in place). The same with the second half drawn by a
// form the first form draws inside its BT … ET.
func TestPDFCompressedFormsReadWithPage(t *testing.T) {
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET /Fm1 Do"
		form := "BT /F1 12 Tf 114 700 Td (" + m[3:] + ") Tj ET"
		for _, flates := range [][]bool{{false, true}, {true, false}, {true, true}} {
			pdf := pdfPageDrawingForms(page, []string{form}, flates...)
			if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
				t.Errorf("page flate %v, form flate %v: Tel %s refused or masked %v, found %v", flates[0], flates[1], m, red, found)
			}
		}
		// a Do inside BT … ET of a form: the second form ends the line
		inner := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj /Fm2 Do ET"
		for _, flates := range [][]bool{{false, false, false}, {false, false, true}, {false, true, false}, {true, true, true}} {
			pdf := pdfPageDrawingForms("q /Fm1 Do Q", []string{inner, form}, flates...)
			if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
				t.Errorf("a Do inside BT … ET, flates %v: Tel %s refused or masked %v, found %v", flates, m, red, found)
			}
		}
	}
}

// TestPDFCompressedFormsCleanKept: the same files with no personal data
// (a page drawing compressed forms, a compressed page drawing forms, a
// form drawn inside BT … ET) pass byte for byte, and so does a
// compressed text-free marker that 2,000 pages draw.
func TestPDFCompressedFormsCleanKept(t *testing.T) {
	eng := testEngine(t)
	page := "BT /F1 12 Tf 72 700 Td (Order 42) Tj ET /Fm1 Do"
	form := "BT /F1 12 Tf 130 700 Td (shipped 2024-06-01, 3 parcels) Tj ET"
	inner := "BT /F1 12 Tf 72 700 Td (Invoice 7) Tj /Fm2 Do ET"
	files := map[string][]byte{
		"compressed form":         pdfPageDrawingForms(page, []string{form}, false, true),
		"compressed page":         pdfPageDrawingForms(page, []string{form}, true, false),
		"both compressed":         pdfPageDrawingForms(page, []string{form}, true, true),
		"Do inside BT … ET":       pdfPageDrawingForms("/Fm1 Do", []string{inner, form}, false, true, true),
		"compressed Do inside BT": pdfPageDrawingForms("/Fm1 Do", []string{inner, form}, true, true, false),
	}
	marker := pdfStreamOf("/Type /XObject /Subtype /Form", strings.Repeat("0 0 m 3 3 l S\n", 40), true)
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 2000 >>", marker}
	for p := range 2000 {
		n := 4 + 2*p
		objs = append(objs,
			"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /M0 3 0 R >> >> /Contents "+strconv.Itoa(n+1)+" 0 R >>",
			pdfStreamOf("", "q 1 0 0 1 "+strconv.Itoa(p%500)+" 300 cm /M0 Do Q", p%2 == 0))
	}
	files["compressed marker drawn 2000 times"] = pdfObjects(objs)
	for name, pdf := range files {
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if err != nil || !bytes.Equal(res.Body, pdf) {
			t.Errorf("%s: err %v, altered %v", name, err, err == nil && !bytes.Equal(res.Body, pdf))
		}
	}
}

// pdfSplitByForm is a PDF whose page 1 starts mobile m ("Tel 138") and a
// form filed after page 2's stream ends it (drawn under a cm that moves
// it to where the page's half ends: where filed, it is drawn over the
// page's half), with extra objects (each a
// body) filed after them, and page 1's /Contents array naming its stream
// refs times.
func pdfSplitByForm(m string, refs int, extra []string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents [" + strings.Repeat("5 0 R ", refs) + "] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q"),
		pdfStreamObj("", "BT /F1 12 Tf 72 500 Td (Page two) Tj ET"),
		pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "BT /F1 12 Tf 72 700 Td ("+m[3:]+") Tj ET"),
	}
	return pdfObjects(append(objs, extra...))
}

// TestPDFPagesPastBoundsRefused (issue #9): a file with more objects than
// maxPDFLengthObjects, or a page naming its stream more than
// maxPDFPageRefs times, had no pages told apart: the forms pages draw
// were not read where drawn, and a mobile a page starts and a form filed
// after the next page's stream ends passed. A file the page reading
// cannot read in full is now refused (ErrMalformed), clean or not.
func TestPDFPagesPastBoundsRefused(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m := synth.CNMobile(r)
	if pdf := pdfSplitByForm(m, 1, nil); bytes.Contains(mustInspect(t, eng, pdf, "application/pdf", "", Redact).Body, []byte("("+m[3:]+")")) {
		t.Fatalf("control: Tel %s within the bounds not masked", m)
	}
	many := make([]string, maxPDFLengthObjects)
	for k := range many {
		many[k] = "null"
	}
	for name, pdf := range map[string][]byte{
		"objects":    pdfSplitByForm(m, 1, many),
		"references": pdfSplitByForm(m, maxPDFPageRefs+1, nil),
	} {
		if res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("more %s than the page reading keeps: err %v, mobile passed %v", name, err, err == nil && bytes.Contains(res.Body, []byte("("+m[3:]+")")))
		}
	}
}

// TestPDFBudgetRefusesNeverPasses (issue #9): whatever memory the
// inspection is given, a PDF whose mobile a page and the form it draws
// share (plain, or the form compressed) is refused or masked, never
// passed: a budget that runs out in the page reading (pdfReadPages) or
// anywhere else fails the inspection rather than read less.
func TestPDFBudgetRefusesNeverPasses(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET /Fm1 Do"
	form := "BT /F1 12 Tf 114 700 Td (" + m[3:] + ") Tj ET"
	for _, flate := range []bool{false, true} {
		pdf := pdfPageDrawingForms(page, []string{form}, false, flate)
		sweepPDFMemory(t, eng, pdf, m[3:], flate)
	}
}

// FuzzPDFDrawnForms reads a page drawing forms (plain or compressed, the
// page's stream too) of fuzzed content: the reading never panics, and a
// body it passes in Redact mode keeps its length.
func FuzzPDFDrawnForms(f *testing.F) {
	m := synth.CNMobile(rng("fuzz pdf drawn forms"))
	f.Add("BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /Fm1 Do", "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj /Fm2 Do ET", "BT ("+m+") Tj ET", uint8(3))
	f.Add("q 2 0 0 2 0 0 cm /Fm1 Do Q /Fm2 Do", "/Fm2 Do /Fm1 Do", "BT 3 Tr <3133> Tj ET", uint8(7))
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, page, form1, form2 string, flates uint8) {
		pdf := pdfPageDrawingForms(page, []string{form1, form2}, flates&1 != 0, flates&2 != 0, flates&4 != 0)
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if err == nil && len(res.Body) != len(pdf) {
			t.Errorf("redacted body of %d bytes from %d", len(res.Body), len(pdf))
		}
	})
}

// TestPDFFormDrawnFromImageLabelledStream (issue #9): pdf.js reads a
// page's content stream labelled /Subtype /Image as content, and draws
// the forms it names there; a mobile such a stream starts and a form it
// draws (under a cm that moves it where the first half ends) ends passed,
// the form read only where filed. The form is now read where drawn.
func TestPDFFormDrawnFromImageLabelledStream(t *testing.T) {
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for _, flate := range []bool{false, true} {
			pdf := pdfObjects([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamOf("/Subtype /Image", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q", flate),
				pdfStreamObj("", "BT /F1 12 Tf 72 500 Td (Page two) Tj ET"),
				pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "BT /F1 12 Tf 72 700 Td ("+m[3:]+") Tj ET"),
			})
			if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
				t.Errorf("flate %v: Tel %s refused or masked %v, found %v", flate, m, red, found)
			}
		}
	}
}

// sweepPDFMemory inspects pdf, whose mobile ends in tail shown as a PDF
// string, under about 400 memory limits up to what a full Scan charges, in
// Scan and Redact: each is refused or finds the mobile (a masked body holds
// no "(tail)"; a compressed one, masked, would hold it unseen: refused),
// and some limit refuses.
func sweepPDFMemory(t *testing.T, eng *detect.Engine, pdf []byte, tail string, compressed bool) {
	t.Helper()
	full := &ledger{}
	if _, err := Inspect(eng, pdf, "application/pdf", "", Scan, Limits{Memory: full}); err != nil {
		t.Fatal(err)
	}
	refused := 0
	for limit := int64(1); limit <= full.charged+64; limit += max(1, full.charged/400) {
		for _, mode := range []Mode{Scan, Redact} {
			res, err := Inspect(eng, pdf, "application/pdf", "", mode, Limits{Memory: &ledger{limit: limit}})
			switch {
			case err != nil:
				refused++
			case mode == Scan && res.Summary.Categories == 0,
				mode == Redact && !compressed && bytes.Contains(res.Body, []byte("("+tail+")")),
				mode == Redact && compressed:
				t.Fatalf("compressed %v, memory %d of %d, mode %v: the mobile passed", compressed, limit, full.charged, mode)
			}
		}
	}
	if refused == 0 {
		t.Errorf("compressed %v: no budget refused the inspection", compressed)
	}
}
