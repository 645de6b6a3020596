package bodyformat

// (attack24) pdf.js starts a stream's data at the next line after the
// "stream" keyword (Lexer.skipToNextLine), whatever stands between.

import (
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func TestPDFViewerStreamKeywordTrailingSpace(t *testing.T) {
	id := synth.CNID18(rng(t.Name()))
	z := string(zlibOf("BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET"))
	for _, after := range []string{" \n", "  \r\n", "\t\n", " \r", "%c\n"} {
		obj := "<< /Length " + strconv.Itoa(len(z)) + " /Filter /FlateDecode >>\nstream" + after + z + "\nendstream"
		pdf := pdfObjects([]string{"<< /Type /Catalog >>", obj})
		if pdfLeaks(t, pdf) {
			t.Errorf("LEAK \"stream%q\": a Flate content stream pdf.js decodes passes unread", after)
		}
	}
}
