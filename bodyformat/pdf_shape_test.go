package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFShapeRequired: text that names the PDF header (in a sentence,
// or on a line of its own but with no object after it) is no PDF: its
// parenthesised numbers are not joined into one run and it passes byte
// for byte; a PDF whose header follows a line of other bytes within the
// first 1024, or cut short before its first endobj, is still read.
func TestPDFShapeRequired(t *testing.T) {
	eng := testEngine(t)
	for _, body := range []string{
		"A PDF starts with %PDF-1.7 and ends with %%EOF.\nPorts in use (13800) (138000) and (8080).\n",
		"A PDF starts with %PDF-1.7 and ends with %%EOF.\nBatch sizes (1380) (0138) (000) per shard.\n",
		"%PDF-1.7\nPorts in use (13800) (138000) and (8080).\n",
		"see %PDF-x\n1 0 obj (13800) (138000) endobj\n",
	} {
		for _, ct := range []string{"text/plain", "", "application/octet-stream"} {
			res, err := Inspect(eng, []byte(body), ct, "", Redact, Limits{})
			if err != nil || res.Changed || res.Format == FormatPDF || !bytes.Equal(res.Body, []byte(body)) {
				t.Errorf("%q as %q: err %v, changed %v, format %q", body, ct, err, res.Changed, res.Format)
			}
		}
	}
	mob := synth.CNMobile(rng(t.Name()))
	pdf := append([]byte("garbage before the header\n"), pdfOf("BT /F1 12 Tf 72 712 Td ("+mob+") Tj ET", "(Invoice)", true, false)...)
	if res := mustInspect(t, eng, pdf, "application/pdf", "", Redact); !res.Changed || res.Format != FormatPDF || bytes.Contains(res.Body, []byte(mob)) {
		t.Errorf("a PDF after a line of garbage: changed %v, format %q", res.Changed, res.Format)
	}
	// a PDF cut short before its first endobj is still one
	cut := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Title (" + mob + ")")
	if res := mustInspect(t, eng, cut, "application/pdf", "", Redact); !res.Changed || res.Format != FormatPDF || bytes.Contains(res.Body, []byte(mob)) {
		t.Errorf("a PDF cut short: changed %v, format %q", res.Changed, res.Format)
	}
}

// TestPDFStringsApartUnlessShown: strings that no operator shows before
// the next string (operands of other operators, dictionary values) are
// read apart: "(13800) (138000)" is no mobile.
func TestPDFStringsApartUnlessShown(t *testing.T) {
	eng := testEngine(t)
	for _, content := range []string{
		"BT /F1 12 Tf 72 712 Td (13800) (138000) Tj ET",
		"/Tx BMC (13800) (138000) EMC",
	} {
		pdf := pdfOf(content, "<< /A (13800) /B (138000) >>", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if res.Changed || res.Summary.Categories != 0 {
			t.Errorf("%q: changed %v, %+v", content, res.Changed, res.Summary)
		}
	}
}
