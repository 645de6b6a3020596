package bodyformat

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFMarkersDrawnOften (attack pass 35, F10): a clean plot as
// matplotlib's PDF backend writes it (pdf.compression 0; the default
// compresses only the streams, the operators are the same): each marker
// of a scatter plot is one form XObject (/M0, a circle path of a few
// hundred bytes, no text) and the page draws it once a point, "q 1 0 0 1 x
// y cm /M0 Do Q", some 30 bytes. drawForm charged each draw the form's
// whole length (pdfFormReadFactor: 4 times the file), so a plot of 2,000
// points was refused as "PDF forms drawn more often than the file holds"
// though viewers show an ordinary chart. A form that shows no string and
// draws no form (pdfTextFree) is looked at once and each draw costs
// pdfFormDrawCost: the clean file passes byte for byte.
func TestPDFMarkersDrawnOften(t *testing.T) {
	eng := testEngine(t)
	// a circle of radius 3 in eight Bézier curves, as matplotlib writes it
	var circle strings.Builder
	circle.WriteString("0 -3 m\n")
	for k := range 8 {
		fmt.Fprintf(&circle, "%.6f %.6f %.6f %.6f %.6f %.6f c\n", 0.795609+float64(k), -3.0+float64(k)/3, 1.55874, -2.683901+float64(k), 2.12132, -2.12132)
	}
	circle.WriteString("h\nB\n")
	var page bytes.Buffer
	page.WriteString("q 0.121569 0.466667 0.705882 rg 0.121569 0.466667 0.705882 RG\n")
	for p := range 2000 {
		fmt.Fprintf(&page, "q 1 0 0 1 %.6f %.6f cm /M0 Do Q\n", 57.6+float64(p%400)*0.7, 43.2+float64(p*7%300))
	}
	page.WriteString("Q\nBT /F1 10 Tf 200 20 Td (Figure 1: measured values) Tj ET\n")
	pdf := pdfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 460.8 345.6] /Resources << /XObject << /M0 5 0 R >> >> /Contents 4 0 R >>",
		pdfStreamObj("", page.String()),
		pdfStreamObj("/Type /XObject /Subtype /Form /BBox [-4 -4 4 4]", circle.String()),
	})
	t.Logf("file %d bytes, form %d bytes, page %d bytes", len(pdf), circle.Len(), page.Len())
	res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
	if err != nil {
		t.Fatalf("a clean scatter plot of 2000 markers (one %d-byte form, %d-byte file): %v", circle.Len(), len(pdf), err)
	}
	if !bytes.Equal(res.Body, pdf) {
		t.Errorf("the clean plot was altered")
	}
}

// TestPDFMarkersWithTextRead: a form drawn often that does show a string
// (with Tj, TJ, ' or ", or through a form it draws) is not taken for a
// marker: its text is read where each page draws it, and a mobile split
// between the page and the form is masked.
func TestPDFMarkersWithTextRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, show := range []string{"(%s) Tj", "[(%s)] TJ", "(%s) '", "0 0 (%s) \"", "<%x> Tj", "/Fm2 Do"} {
		m := synth.CNMobile(r)
		form := "BT /F1 12 Tf 114 700 Td " + fmt.Sprintf(show, m[3:]) + " ET"
		inner := "BT /F1 12 Tf 114 700 Td (Legend) Tj ET"
		if show == "/Fm2 Do" {
			form, inner = "q /Fm2 Do Q", "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET"
		}
		pdf := pdfObjects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
			"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET q /Fm1 Do Q q /Fm1 Do Q"),
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET"),
			pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm2 8 0 R >> >>", form),
			pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", inner),
		})
		if pdfTextFree([]byte(form)) {
			t.Fatalf("%q taken for text-free", form)
		}
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if bytes.Contains(res.Body, []byte(m[3:])) || bytes.Contains(res.Body, fmt.Appendf(nil, "%x", m[3:])) {
			t.Errorf("form showing with %q: the form's half of the mobile passes", show)
		}
	}
}

// TestPDFMarkersDrawnOftenBounded: a text-free form of 64 KiB that 10,000
// pages draw is not read once a draw: the body is not refused (each draw
// costs pdfFormDrawCost, the form's data once), the bytes handed on stay
// within the file's, and the file passes unaltered.
func TestPDFMarkersDrawnOftenBounded(t *testing.T) {
	eng := testEngine(t)
	path := strings.Repeat("0 0 m 3 3 l S\n", 64<<10/14)
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 10000 >>",
		pdfStreamObj("/Type /XObject /Subtype /Form", path)}
	for p := range 10000 {
		n := 4 + 2*p
		objs = append(objs,
			"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /M0 3 0 R >> >> /Contents "+strconv.Itoa(n+1)+" 0 R >>",
			pdfStreamObj("", "q /M0 Do Q"))
	}
	pdf := pdfObjects(objs)
	in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
	n := 0
	if err := in.pdfRegion(pdf, true, 0, 0, func(t *pdfText) error {
		n += len(t.view)
		return nil
	}); err != nil {
		t.Fatalf("10,000 pages drawing a text-free form: %v", err)
	}
	if n > len(pdf) {
		t.Errorf("10,000 pages drawing a text-free form handed on %d bytes, over the file's %d", n, len(pdf))
	}
	res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
	if err != nil || !bytes.Equal(res.Body, pdf) {
		t.Errorf("10,000 pages drawing a text-free form: err %v, altered %v", err, err == nil && !bytes.Equal(res.Body, pdf))
	}
}
