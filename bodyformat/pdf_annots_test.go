package bodyformat

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfAnnotated is a one-page PDF whose page draws content, with an
// annotation (annot, the body of object 6, a dictionary naming its
// appearance stream 7 0 R) and an AcroForm field (field, object 8), and
// the appearance stream's content ap, FlateDecode when flate.
func pdfAnnotated(content, annot, ap, field string, flate bool) []byte {
	return pdfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [8 0 R] >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Annots [6 0 R 8 0 R] /Contents 4 0 R >>",
		pdfStreamOf("", content, false),
		"<< /Producer (synthetic) >>",
		annot,
		pdfStreamOf("/Type /XObject /Subtype /Form /BBox [0 0 200 20]", ap, flate),
		field,
	})
}

// TestPDFAnnotationsAndFieldsRead (issue #9): what a viewer shows or a
// copy, a search index or a form export reads of annotations and form
// fields: an annotation's /Contents (its pop-up note), its appearance
// stream (/AP /N: the text drawn on the page), a field's value /V, its
// default /DV, its tooltip /TU and its name /T, as literal or hex
// strings. A mobile in any of them is masked in place, or, in an
// appearance stream that is compressed, refuses the body; a Scan finds
// it.
func TestPDFAnnotationsAndFieldsRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	page := "BT /F1 12 Tf 72 700 Td (Application form) Tj ET"
	for range 3 {
		m := synth.CNMobile(r)
		h := "<" + hex.EncodeToString([]byte(m)) + ">"
		annot := func(contents string) string {
			return "<< /Type /Annot /Subtype /FreeText /Rect [72 600 272 620] /Contents " + contents + " /AP << /N 7 0 R >> >>"
		}
		field := func(key, v string) string {
			return "<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [72 500 272 520] /T (phone) " + key + " " + v + " >>"
		}
		ap := "/Tx BMC BT /F1 10 Tf 2 6 Td (" + m + ") Tj ET EMC"
		clean := "/Tx BMC BT /F1 10 Tf 2 6 Td (see page 2) Tj ET EMC"
		cases := map[string][]byte{
			"annotation /Contents":         pdfAnnotated(page, annot("(Call "+m+")"), clean, field("/V", "(x)"), false),
			"annotation /Contents hex":     pdfAnnotated(page, annot(h), clean, field("/V", "(x)"), false),
			"appearance stream":            pdfAnnotated(page, annot("(note)"), ap, field("/V", "(x)"), false),
			"appearance stream compressed": pdfAnnotated(page, annot("(note)"), ap, field("/V", "(x)"), true),
			"field /V":                     pdfAnnotated(page, annot("(note)"), clean, field("/V", "("+m+")"), false),
			"field /V hex":                 pdfAnnotated(page, annot("(note)"), clean, field("/V", h), false),
			"field /DV":                    pdfAnnotated(page, annot("(note)"), clean, field("/DV", "("+m+")"), false),
			"field /TU":                    pdfAnnotated(page, annot("(note)"), clean, field("/TU", "(Mobile "+m+")"), false),
			"field /T":                     pdfAnnotated(page, annot("(note)"), clean, strings.Replace(field("/V", "(x)"), "/T (phone)", "/T ("+m+")", 1), false),
		}
		for name, pdf := range cases {
			if scan := mustInspect(t, eng, pdf, "application/pdf", "", Scan); scan.Summary.Categories == 0 {
				t.Errorf("%s: a Scan finds nothing", name)
			}
			res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
			switch {
			case err != nil && strings.HasSuffix(name, "compressed"):
			case err != nil:
				t.Errorf("%s: %v", name, err)
			case bytes.Contains(res.Body, []byte(m)) || bytes.Contains(res.Body, []byte(h[1:len(h)-1])) || len(res.Body) != len(pdf):
				t.Errorf("%s: the mobile passes (length %d of %d)", name, len(res.Body), len(pdf))
			}
		}
		// a field in a compressed object stream: refused, found
		objstm := "9 0 << /Type /Annot /Subtype /Widget /FT /Tx /T (phone) /V (" + m + ") >>"
		inStm := pdfAnnotated(page, annot("(note)"), clean, pdfStreamOf("/Type /ObjStm /N 1 /First 4", objstm, true), false)
		if red, found := pdfRefusedOrMasked(t, inStm, m); !red || !found {
			t.Errorf("field /V in an object stream: refused %v, found %v", red, found)
		}
		if _, err := Inspect(eng, inStm, "application/pdf", "", Redact, Limits{}); err == nil {
			t.Errorf("field /V in an object stream: not refused")
		}
		// the same fields and annotations with no personal data pass
		ok := pdfAnnotated(page, annot("(note 42)"), clean, field("/V", "(order 2024-0001)"), true)
		if res, err := Inspect(eng, ok, "application/pdf", "", Redact, Limits{}); err != nil || !bytes.Equal(res.Body, ok) {
			t.Errorf("clean annotations and fields: err %v, altered %v", err, err == nil && !bytes.Equal(res.Body, ok))
		}
	}
}

// TestPDFInvisibleTextRead (issue #9): text drawn invisible (3 Tr, the
// OCR text layer over a scanned page's image, or a half of a number drawn
// invisible after a visible one) is what copy-paste, pdftotext and a
// search index read: it is read like visible text, masked in place, and
// in a compressed stream refuses the body.
func TestPDFInvisibleTextRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		contents := map[string]string{
			"OCR layer":       "q 612 0 0 792 0 0 cm /Im1 Do Q BT 3 Tr /F1 10 Tf 72 700 Td (Tel: " + m + ") Tj ET",
			"half invisible":  "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj 3 Tr (" + m[3:] + ") Tj 0 Tr ET",
			"invisible in TJ": "BT 3 Tr /F1 12 Tf 72 700 Td [(Tel " + m[:3] + ") -20 (" + m[3:] + ")] TJ ET",
		}
		for name, c := range contents {
			for _, flate := range []bool{false, true} {
				pdf := pdfObjects([]string{
					"<< /Type /Catalog /Pages 2 0 R >>",
					"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
					"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
					pdfStreamOf("", c, flate),
				})
				red, found := pdfRefusedOrMasked(t, pdf, m[3:])
				if !found || !flate && !red {
					t.Errorf("%s, flate %v: masked or refused %v, found %v", name, flate, red, found)
				}
				if !flate {
					res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
					if !res.Changed || len(res.Body) != len(pdf) {
						t.Errorf("%s: Tel %s not masked in place", name, m)
					}
				}
			}
		}
	}
}
