package bodyformat

import (
	"bytes"
	"compress/zlib"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFFormAfterAnotherPage (attack pass 33, F7): a page draws a form
// XObject (/Fm1 Do) whose stream holds the second half of a line the
// page's own content stream starts ("Tel 138" then "12345678" at the x it
// ends): every viewer shows "Tel 13812345678" on page 1. The reading laid
// a stream in no page's stretch out with the stream before it in the
// file, never with the page that draws it: with page 2's content stream
// between them, the form's half went to page 2's text and the mobile
// passed. A page now reads the forms its /Resources name where it draws
// them (pdfforms.go). The same file with the form right after page 1's
// stream is the control.
func TestPDFFormAfterAnotherPage(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	stream := func(dict, c string) string {
		return "<< " + dict + " /Length " + strconv.Itoa(len(c)) + " >>\nstream\n" + c + "\nendstream"
	}
	for range 3 {
		m := synth.CNMobile(r)
		p1 := stream("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /Fm1 Do")
		p2 := stream("", "BT /F1 12 Tf 72 700 Td (Page two) Tj ET")
		form := stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET")
		pdf := func(order ...string) []byte {
			num := map[string]string{}
			for k, s := range order {
				num[s] = strconv.Itoa(5 + k)
			}
			return pdfObjects(append([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 " + num[form] + " 0 R >> >> /Contents " + num[p1] + " 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents " + num[p2] + " 0 R >>",
			}, order...))
		}
		if res := mustInspect(t, eng, pdf(p1, form, p2), "application/pdf", "", Redact); strings.Contains(string(res.Body), "("+m[3:]+")") {
			t.Fatalf("control: the form right after page 1's stream passes")
		}
		if res := mustInspect(t, eng, pdf(p1, p2, form), "application/pdf", "", Redact); strings.Contains(string(res.Body), "("+m[3:]+")") {
			t.Errorf("page 1 shows Tel %s through its form XObject; the form, filed after page 2's stream, passes", m)
		}
	}
}

// pdfStreamObj is a stream object's body: dictionary entries dict and
// data c with its /Length.
func pdfStreamObj(dict, c string) string {
	return "<< " + dict + " /Length " + strconv.Itoa(len(c)) + " >>\nstream\n" + c + "\nendstream"
}

// TestPDFFormsReadWithTheirPages: the forms a page draws are read with
// it wherever they are filed: a form two pages draw with each of them, a
// form drawn under the page's cm and its own /Matrix where they put it,
// a form drawn by a form, /Resources and /XObject given as references,
// and /Resources a page inherits from its /Parent. Each page starts a mobile its form ends; each is masked.
func TestPDFFormsReadWithTheirPages(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	const form = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
	for range 3 {
		m := synth.CNMobile(r)
		half := func(y string) string { return "BT /F1 12 Tf 114 " + y + " Td (" + m[3:] + ") Tj ET" }
		start := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET"
		cases := map[string][]string{
			// objects 3 and 4 pages, 5 and 6 their streams
			"shared by two pages": {
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /X9 7 0 R >> >> /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"),
				pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Mob "+m[:3]+") Tj ET /X9 Do"),
				pdfStreamObj(form, half("700")),
			},
			"under cm and /Matrix": {
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" q 1 0 0 1 0 100 cm /Fm1 Do Q"),
				pdfStreamObj("", "BT /F1 12 Tf 114 700 Td (Page two) Tj ET"),
				pdfStreamObj(form+" /Matrix [1 0 0 1 0 -300]", half("900")),
			},
			"a form's form": {
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 7 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"),
				pdfStreamObj("", "BT /F1 12 Tf 114 700 Td (Page two) Tj ET"),
				pdfStreamObj(form+" /Resources << /XObject << /Fm2 8 0 R >> >>", "/Fm2 Do"),
				pdfStreamObj(form, half("700")),
			},
			"resources inherited": {
				"<< /Type /Page /Parent 8 0 R /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"),
				pdfStreamObj("", "BT /F1 12 Tf 114 700 Td (Page two) Tj ET"),
				pdfStreamObj(form, half("700")),
				"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 /Resources << /XObject << /Fm1 7 0 R >> >> >>",
			},
			"resources by reference": {
				"<< /Type /Page /Parent 2 0 R /Resources 8 0 R /Contents 5 0 R >>",
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"),
				pdfStreamObj("", "BT /F1 12 Tf 114 700 Td (Page two) Tj ET"),
				pdfStreamObj(form, half("700")),
				"<< /XObject 9 0 R >>",
				"<< /Fm1 7 0 R >>",
			},
		}
		for name, objs := range cases {
			pdf := pdfObjects(append([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
			}, objs...))
			res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
			if strings.Contains(string(res.Body), "("+m[3:]+")") {
				t.Errorf("%s: the form's half of %s passes", name, m)
			}
			if name == "shared by two pages" && strings.Contains(string(res.Body), "(Mob "+m[:3]+")") {
				t.Errorf("%s: page 2 draws the form too; its half of %s passes", name, m)
			}
			if len(res.Body) != len(pdf) {
				t.Errorf("%s: masked in place changed the length", name)
			}
		}
	}
}

// TestPDFFormsDrawnOftenRefused: one form of 64 KiB that 10,000 pages
// name and draw would be read 10,000 times (640 MB from a 1 MB file):
// what forms drawn add up to is bounded by pdfFormReadFactor times the
// file, and past it the body is refused, not read in part. The bytes
// handed on to be searched are counted: at most (1 + the factor) times
// the file, with the form read as many times as the bound allows. A
// small file (200 pages, ~100 KB) is bounded by pdfFormReadFloor
// instead: refused after at most the file and the floor. Three pages
// drawing it read it three times.
func TestPDFFormsDrawnOftenRefused(t *testing.T) {
	eng := testEngine(t)
	big := "BT /F1 12 Tf 72 500 Td (" + strings.Repeat("clean text ", 64<<10/11) + ") Tj ET"
	file := func(pages int) []byte {
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count " + strconv.Itoa(pages) + " >>",
			pdfStreamObj("/Type /XObject /Subtype /Form", big)}
		for p := range pages {
			n := 4 + 2*p
			objs = append(objs,
				"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 3 0 R >> >> /Contents "+strconv.Itoa(n+1)+" 0 R >>",
				pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Page "+strconv.Itoa(p)+") Tj ET /Fm1 Do"))
		}
		return pdfObjects(objs)
	}
	read := func(b []byte) (int, error) {
		in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
		n := 0
		err := in.pdfRegion(b, true, 0, 0, func(t *pdfText) error {
			n += len(t.view)
			return nil
		})
		return n, err
	}
	few := file(3)
	n, err := read(few)
	if err != nil {
		t.Fatalf("3 pages drawing a form: %v", err)
	}
	if n < 4*len(big)/2 {
		t.Errorf("3 pages drawing a form handed on %d bytes: the form (%d) is not read with each page", n, len(big))
	}
	// the file and its forms drawn up to the bound: pdfFormReadFactor
	// times the file, or pdfFormReadFloor for a small one
	for _, pages := range []int{10000, 200} {
		many := file(pages)
		n, err = read(many)
		if !errors.Is(err, ErrMalformed) {
			t.Fatalf("%d pages drawing a 64 KiB form: err %v, want ErrMalformed", pages, err)
		}
		if bound := len(many) + max(pdfFormReadFactor*len(many), pdfFormReadFloor); n > bound {
			t.Errorf("%d pages drawing a form handed on %d bytes before refusing, over %d (the file %d)", pages, n, bound, len(many))
		}
		if pages == 10000 && n > (1+pdfFormReadFactor)*len(many) {
			t.Errorf("10,000 pages drawing a form handed on %d bytes, over %d times the file (%d)", n, 1+pdfFormReadFactor, len(many))
		}
	}
	many := file(10000)
	if _, err := Inspect(eng, many, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("Inspect of 10,000 pages drawing a form: %v, want ErrMalformed", err)
	}
}

// TestPDFFormDrawingItself: a form that draws itself (directly or
// through another) is not drawn within itself, as viewers skip it; the
// reading ends and the page's text is still read with the form's.
func TestPDFFormDrawingItself(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	form := "/Type /XObject /Subtype /Form /Resources << /XObject << /Fm1 5 0 R /Fm2 6 0 R >> >>"
	pdf := pdfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>",
		pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET /Fm1 Do"),
		pdfStreamObj(form, "/Fm1 Do /Fm2 Do BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET /Fm1 Do"),
		pdfStreamObj(form, "/Fm1 Do /Fm2 Do"),
	})
	res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
	if strings.Contains(string(res.Body), "("+m[3:]+")") {
		t.Errorf("a form drawing itself: the half of %s it holds passes", m)
	}
}

// TestPDFDecoyPagesWithObjectStream (attack pass 33, residual of
// attack31): the real page dictionary is compressed in an object stream
// (/Type /ObjStm) and names both content streams, which draw a mobile's
// second half first (then a line below it) and its first half back
// before it; two page
// dictionaries the reading sees, in no page tree, name one stream each.
// They told the streams apart as two pages and the mobile passed; a file
// naming an object stream now has no pages told apart, and both are laid
// out together. An escaped name (/Obj#53tm) is the same name.
func TestPDFDecoyPagesWithObjectStream(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	for _, typ := range []string{"/ObjStm", "/Obj#53tm"} {
		page := "<< /Type /Page /Parent 2 0 R /Contents [5 0 R 6 0 R] >>"
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write([]byte("3 0 " + page))
		w.Close()
		pdf := pdfObjects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Contents 5 0 R >>", // a decoy (replaced by the object stream's 3 0)
			"<< /Type /Page /Contents 6 0 R >>", // a decoy
			pdfStreamObj("", "BT /F1 12 Tf 114 700 Td ("+m[3:]+") Tj ET BT /F1 12 Tf 72 600 Td (Notes) Tj ET"),
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET"),
			"<< /Type " + typ + " /N 1 /First 4 /Filter /FlateDecode /Length " + strconv.Itoa(z.Len()) + " >>\nstream\n" + z.String() + "\nendstream",
		})
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if strings.Contains(string(res.Body), "("+m[3:]+")") {
			t.Errorf("%s: decoy page dictionaries split the page; %s passes", typ, m)
		}
	}
}

// TestPDFBeamerLogoKept: a clean slide deck (40 slides, as Beamer
// writes them) each drawing one compressed vector logo with a line of
// text (~50 KB decoded): the form bytes drawn, 40 times the logo, are
// more than pdfFormReadFactor times the file and the logo decoded, and
// the deck was refused. Under the bound's floor (pdfFormReadFloor) it
// passes byte for byte.
func TestPDFBeamerLogoKept(t *testing.T) {
	eng := testEngine(t)
	var logo strings.Builder
	for k := 0; logo.Len() < 50<<10; k++ {
		logo.WriteString(strconv.Itoa(k%97) + " " + strconv.Itoa(k%89) + " m " + strconv.Itoa(k%83) + " 3 l 4 " + strconv.Itoa(k%79) + " 5 6 7 8 c h f\n")
	}
	logo.WriteString("BT /F1 6 Tf 10 4 Td (Institute of Applied Research) Tj ET")
	const slides = 40
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count " + strconv.Itoa(slides) + " >>",
		pdfStreamOf("/Type /XObject /Subtype /Form /BBox [0 0 100 20]", logo.String(), true)}
	for p := range slides {
		n := 4 + 2*p
		objs = append(objs,
			"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Logo 3 0 R >> >> /Contents "+strconv.Itoa(n+1)+" 0 R >>",
			pdfStreamOf("", "BT /F1 20 Tf 40 300 Td (Slide "+strconv.Itoa(p+1)+": results) Tj ET q 1 0 0 1 300 10 cm /Logo Do Q", p%2 == 0))
	}
	pdf := pdfObjects(objs)
	if drawn := slides * logo.Len(); drawn <= pdfFormReadFactor*(len(pdf)+logo.Len()) {
		t.Fatalf("the deck draws %d form bytes, within %d times the file (%d) and the logo: no test of the floor", drawn, pdfFormReadFactor, len(pdf))
	}
	res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
	if err != nil || !bytes.Equal(res.Body, pdf) {
		t.Errorf("a clean deck of %d slides drawing a logo: err %v, altered %v", slides, err, err == nil && !bytes.Equal(res.Body, pdf))
	}
}
