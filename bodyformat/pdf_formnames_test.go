package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFFormNameEscapes (attack pass 35, F8): a PDF name is the same
// name whatever bytes it spells with #xx escapes (/Fm1, /F#6d1 and /F#6D1
// are one name; pdf.js's Lexer.getName, poppler and Acrobat decode them).
// The page's /Do and its /XObject dictionary's keys were matched byte for
// byte, so a page whose Do or resource key spelt the form's name with an
// escape never drew it in the reading, and the form, filed after another
// page's stream, was laid out with that page (attack pass 33 F7's
// layout): page 1 shows "Tel 13812345678" in every viewer, and the second
// half passed. Both sides are decoded (pdfName) now; the same file with
// the name written alike on both sides is the control.
func TestPDFFormNameEscapes(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for _, c := range [][2]string{{"/Fm1", "/Fm1"}, {"/Fm1", "/F#6d1"}, {"/F#6d1", "/Fm1"}, {"/Fm1", "/F#6D1"}} {
			pdf := pdfObjects([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << " + c[0] + " 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET "+c[1]+" Do"),
				pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET"),
				pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET"),
			})
			res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
			if strings.Contains(string(res.Body), "("+m[3:]+")") {
				if c[0] == c[1] {
					t.Fatalf("control passes")
				}
				t.Errorf("resource %s drawn by %s Do: the form's half of the mobile passes", c[0], c[1])
			}
		}
	}
}
