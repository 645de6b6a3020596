package bodyformat

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFKeyEscapes (attack pass 36): a dictionary key is the same name
// whatever bytes it spells with #xx escapes (/XOb#6aect is /XObject;
// viewers decode them). The page-span reading matched /Resources,
// /XObject, /Parent, /Matrix and /Contents byte for byte, so a page whose
// key was spelt with an escape hid its forms (or its content stream) from
// it: page 1 draws /Fm1, holding the second half of "Tel 13812345678",
// filed after page 2's stream, and the form was laid out with page 2 (or
// page 1's stream with the page before it). Keys are compared decoded
// now; each case spelt plainly is the control.
func TestPDFKeyEscapes(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	const form = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
	for range 3 {
		m := synth.CNMobile(r)
		start := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET"
		half := func(y string) string { return "BT /F1 12 Tf 114 " + y + " Td (" + m[3:] + ") Tj ET" }
		two := pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET")
		// each case: its key spelt with an escape, and the objects from 3
		// on with @K@ standing for the key
		cases := []struct {
			key, plain string
			objs       []string
		}{
			{"/XOb#6aect", "/XObject", []string{
				"<< /Type /Page /Parent 2 0 R /Resources << @K@ << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"), two, pdfStreamObj(form, half("700")),
			}},
			{"/XOb#6Aect", "/XObject", []string{
				"<< /Type /Page /Parent 2 0 R /Resources 8 0 R /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"), two, pdfStreamObj(form, half("700")),
				"<< @K@ 9 0 R >>", "<< /Fm1 7 0 R >>",
			}},
			{"/Resourc#65s", "/Resources", []string{
				"<< /Type /Page /Parent 2 0 R @K@ << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"), two, pdfStreamObj(form, half("700")),
			}},
			{"/Par#65nt", "/Parent", []string{
				"<< /Type /Page @K@ 8 0 R /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"), two, pdfStreamObj(form, half("700")),
				"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 /Resources << /XObject << /Fm1 7 0 R >> >> >>",
			}},
			{"/Resourc#65s", "/Resources", []string{
				"<< /Type /Page /Parent 8 0 R /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"), two, pdfStreamObj(form, half("700")),
				"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 @K@ << /XObject << /Fm1 7 0 R >> >> >>",
			}},
			{"/Matr#69x", "/Matrix", []string{
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" q 1 0 0 1 0 100 cm /Fm1 Do Q"), two,
				pdfStreamObj(form+" @K@ [1 0 0 1 0 -300]", half("900")),
			}},
			// page 0's stream, then page 1's (its /Contents escaped), page
			// 2's, and page 1's form
			{"/Cont#65nts", "/Contents", []string{
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 9 0 R >> >> @K@ 7 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 8 0 R >>",
				pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Cover) Tj ET"),
				pdfStreamObj("", start+" /Fm1 Do"), two, pdfStreamObj(form, half("700")),
			}},
		}
		for _, c := range cases {
			for _, key := range []string{c.plain, c.key} {
				objs := []string{"<< /Type /Catalog /Pages 2 0 R >>",
					"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>"}
				for _, o := range c.objs {
					objs = append(objs, strings.ReplaceAll(o, "@K@", key))
				}
				res := mustInspect(t, eng, pdfObjects(objs), "application/pdf", "", Redact)
				if strings.Contains(string(res.Body), "("+m[3:]+")") {
					if key == c.plain {
						t.Fatalf("control %s passes", key)
					}
					t.Errorf("key %s: the form's half of %s passes", key, m)
				}
			}
		}
	}
}

// TestPDFFormsTooDeepRefused: a page naming forms deeper than
// maxPDFFormDepth (a form whose /Resources name a form, 9 levels) is
// refused, not read as one text (where the form, filed after page 2's
// stream, would be laid out with page 2's). 8 levels is the control.
func TestPDFFormsTooDeepRefused(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	const form = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
	for _, depth := range []int{maxPDFFormDepth, maxPDFFormDepth + 1} {
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
			"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /Fm1 Do"),
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET")}
		// forms 7, 8, … (/Fm1, /Fm2, …): each draws the next, the last the mobile's half
		for d := 1; d <= depth; d++ {
			if d < depth {
				next := "/Fm" + strconv.Itoa(d+1)
				objs = append(objs, pdfStreamObj(form+" /Resources << /XObject << "+next+" "+strconv.Itoa(7+d)+" 0 R >> >>", next+" Do"))
				continue
			}
			objs = append(objs, pdfStreamObj(form, "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET"))
		}
		res, err := Inspect(eng, pdfObjects(objs), "application/pdf", "", Redact, Limits{})
		if depth > maxPDFFormDepth {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("forms %d deep: err %v, want ErrMalformed", depth, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("forms %d deep: %v", depth, err)
		}
		if strings.Contains(string(res.Body), "("+m[3:]+")") {
			t.Errorf("control: forms %d deep, the half of %s passes", depth, m)
		}
	}
}

// TestPDFFormNamesBound: a page naming more than maxPDFFormNames forms is
// refused, not read as one text; forms sharing one /Resources dictionary
// (each naming the page's 300 forms, 90,300 names counted as they were
// taken) have its names taken once a page and are read with their page.
func TestPDFFormNamesBound(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	const form = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
	head := []string{"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Resources 8 0 R /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /X1 Do"),
		pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET"),
		pdfStreamObj(form, "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET"),
		"<< /XObject 9 0 R >>"}
	// shared: /X1 is form 7, /X2 … /X300 forms 10 on, each with /Resources 8 0 R
	var names strings.Builder
	names.WriteString("<< /X1 7 0 R")
	objs := append([]string(nil), head...)
	for k := 2; k <= 300; k++ {
		names.WriteString(" /X" + strconv.Itoa(k) + " " + strconv.Itoa(8+k) + " 0 R")
	}
	objs = append(objs, names.String()+" >>")
	for k := 2; k <= 300; k++ {
		objs = append(objs, pdfStreamObj(form+" /Resources 8 0 R", "0 0 m 1 1 l S"))
	}
	res, err := Inspect(eng, pdfObjects(objs), "application/pdf", "", Redact, Limits{})
	if err != nil {
		t.Fatalf("300 forms sharing the page's /Resources: %v", err)
	}
	if strings.Contains(string(res.Body), "("+m[3:]+")") {
		t.Errorf("300 forms sharing the page's /Resources: the form's half of %s passes", m)
	}
	// too many: the page's /XObject names form 7 maxPDFFormNames+1 times
	names.Reset()
	names.WriteString("<<")
	for k := 1; k <= maxPDFFormNames+1; k++ {
		names.WriteString(" /X" + strconv.Itoa(k) + " 7 0 R")
	}
	objs = append(append([]string(nil), head...), names.String()+" >>")
	if _, err := Inspect(eng, pdfObjects(objs), "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("a page naming %d forms: err %v, want ErrMalformed", maxPDFFormNames+1, err)
	}
}
