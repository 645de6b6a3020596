package bodyformat

// Streams a viewer shows text from, labelled oddly (found by an attack
// pass, attack24).

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfLeaks reports whether Redact passes pdf through with the ID unread.
func pdfLeaks(t *testing.T, pdf []byte) bool {
	t.Helper()
	res, err := Inspect(testEngine(t), pdf, "application/pdf", "", Redact, Limits{})
	if err != nil {
		return !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge)
	}
	return !res.Changed && bytes.Equal(res.Body, pdf)
}

// TestPDFViewerImageLabelledOperators: a content stream labelled
// /Subtype /Image is still a page's contents to pdf.js; the strings its
// operators show must be read, however pdf.js tokenizes them or keeps
// the operands (over unknown operators and those that take fewer, for the
// next show).
func TestPDFViewerImageLabelledOperators(t *testing.T) {
	id := synth.CNID18(rng(t.Name()))
	for _, tc := range []struct{ name, content string }{
		{"plain Tj (control)", "BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET"},
		{"Tj after comment", "BT /F1 12 Tf 72 700 Td (ID " + id + ") %x\nTj ET"},
		{"TJ array", "BT /F1 12 Tf 72 700 Td [(ID ) -20 (" + id + ")] TJ ET"},
		{"quote", "BT /F1 12 Tf 14 TL 72 700 Td (ID " + id + ") ' ET"},
		{"dquote", "BT /F1 12 Tf 14 TL 72 700 Td 0 0 (ID " + id + ") \" ET"},
		// pdf.js's lexer stops a command at the longest known one: TjET is Tj ET
		{"Tj glued to ET", "BT /F1 12 Tf 72 700 Td (ID " + id + ")TjET"},
		{"Tj glued to number", "BT /F1 12 Tf 72 700 Td (ID " + id + ")Tj0 0 Td ET"},
		{"quote glued", "BT /F1 12 Tf 14 TL 72 700 Td (ID " + id + ")'ET"},
		// pdf.js skips an unknown command keeping its operands
		{"unknown op between", "BT /F1 12 Tf 72 700 Td (ID " + id + ") foo Tj ET"},
		{"binary byte between", "BT /F1 12 Tf 72 700 Td (ID " + id + ") \x80 Tj ET"},
		// pdf.js keeps the extra operands of an op for the next one short of them
		{"Q between string and Tj", "BT /F1 12 Tf 72 700 Td (ID " + id + ") Q Tj ET"},
		{"Q glued to Tj", "BT /F1 12 Tf 72 700 Td (ID " + id + ") QTj ET"},
		{"operators between", "BT /F1 12 Tf 72 700 Td (ID " + id + ") 1 w q 1 0 0 1 0 0 cm Q Tj ET"},
		{"null glued to Tj", "BT /F1 12 Tf 72 700 Td (ID " + id + ") nullTj ET"},
	} {
		for _, comp := range []bool{false, true} {
			data := tc.content
			dict := "/Subtype /Image"
			if comp {
				data = string(zlibOf(tc.content))
				dict += " /Filter /FlateDecode"
			}
			pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(data))+" "+dict+" >>", data)
			if pdfLeaks(t, pdf) {
				t.Errorf("LEAK %s (compressed %v): ID shown by pdf.js passes", tc.name, comp)
			}
		}
	}
}

// TestPDFViewerFileSpecF: pdf.js takes /F before /Filter; a /F that is no
// name nor array (a file specification string) makes it read the data as
// it is.
func TestPDFViewerFileSpecF(t *testing.T) {
	id := synth.CNID18(rng(t.Name()))
	content := "BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET"
	for _, dict := range []string{
		"/F (ext.dat) /Filter /FlateDecode",
		"/F <6578742e646174> /Filter /FlateDecode",
		"/F << /Type /Filespec /F (ext.dat) >> /Filter /FlateDecode",
		"/F 12 /Filter /FlateDecode",
		"/F true /Filter /FlateDecode",
		"/F (ext.dat)",
	} {
		pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(content))+" "+dict+" >>", content)
		if pdfLeaks(t, pdf) {
			t.Errorf("LEAK %q: raw data pdf.js shows passes", dict)
		}
	}
}
