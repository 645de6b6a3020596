package bodyformat

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFInheritedPastEight (attack pass 35, F9): a page without
// /Resources draws the forms its /Parent's name, inherited up the page
// tree (objForms). pdf.js (getInheritableProperty: a visited set, no
// depth bound), poppler and Acrobat inherit /Resources from a /Pages node
// 9 levels up: page 1 draws /Fm1 and shows "Tel 13812345678". The reading
// stopped 8 levels up and silently named no form, laying the form (filed
// after page 2's stream) out with page 2: the second half passed. Now the
// chain is followed maxPDFParentDepth up, and past that the body is
// refused (read as one text, the form would still follow page 2's text).
// 1–8 levels are the control.
func TestPDFInheritedPastEight(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, depth := range []int{1, 8, 9, 12, maxPDFParentDepth + 1, maxPDFParentDepth + 2} {
		m := synth.CNMobile(r)
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
		page := 2 + depth // page 1's object number
		for d := range depth {
			num := 2 + d
			kids := strconv.Itoa(num+1) + " 0 R"
			if d == depth-1 {
				kids = strconv.Itoa(page) + " 0 R " + strconv.Itoa(page+1) + " 0 R"
			}
			extra := ""
			if d > 0 {
				extra = " /Parent " + strconv.Itoa(num-1) + " 0 R"
			} else {
				extra = " /Resources << /XObject << /Fm1 " + strconv.Itoa(page+4) + " 0 R >> >>"
			}
			objs = append(objs, "<< /Type /Pages /Kids ["+kids+"] /Count 2"+extra+" >>")
		}
		parent := strconv.Itoa(1 + depth)
		objs = append(objs,
			"<< /Type /Page /Parent "+parent+" 0 R /Contents "+strconv.Itoa(page+2)+" 0 R >>",
			"<< /Type /Page /Parent "+parent+" 0 R /Contents "+strconv.Itoa(page+3)+" 0 R >>",
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /Fm1 Do"),
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET"),
			pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET"))
		res, err := Inspect(eng, pdfObjects(objs), "application/pdf", "", Redact, Limits{})
		if depth > maxPDFParentDepth {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("/Resources inherited from %d levels up: err %v, want ErrMalformed", depth, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%d levels: %v", depth, err)
		}
		if strings.Contains(string(res.Body), "("+m[3:]+")") {
			if depth <= maxPDFFormDepth {
				t.Fatalf("control (%d levels) passes", depth)
			}
			t.Errorf("/Resources inherited from %d levels up: the form's half of the mobile passes", depth)
		}
	}
}

// TestPDFParentGoingRound: a page tree whose /Parent chain goes round
// (two /Pages nodes each the other's parent, neither with /Resources) is
// followed no further than maxPDFParentDepth and the body is refused, not
// read with the page's forms unknown.
func TestPDFParentGoingRound(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	pdf := pdfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 /Parent 3 0 R >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 2 /Parent 2 0 R >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
		pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /Fm1 Do"),
		pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET"),
	})
	if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("a /Parent chain going round: err %v, want ErrMalformed", err)
	}
}
