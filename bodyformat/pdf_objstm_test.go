package bodyformat

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfObjStm is an object stream's body (/Type /ObjStm, FlateDecode when
// flate) holding objs, by number: each object's number and offset in
// its header, then the objects.
func pdfObjStm(nums []int, objs []string, flate bool) string {
	var head, body strings.Builder
	for k, o := range objs {
		head.WriteString(strconv.Itoa(nums[k]) + " " + strconv.Itoa(body.Len()) + " ")
		body.WriteString(o + "\n")
	}
	dict := "/Type /ObjStm /N " + strconv.Itoa(len(objs)) + " /First " + strconv.Itoa(head.Len())
	return pdfStreamOf(dict, head.String()+body.String(), flate)
}

// pdfPagesInObjStm is a PDF of two pages whose catalog, page tree, page
// dictionaries and page 1's /Resources are compressed in an object
// stream (as Word, Chrome and LibreOffice write PDF 1.5): page 1 shows
// content and draws form /Fm1, filed after page 2's stream, which shows
// form; extra plain objects are filed after it.
func pdfPagesInObjStm(content, form string, extra ...string) []byte {
	compressed := []string{
		"<< /Type /Catalog /Pages 21 0 R >>",
		"<< /Type /Pages /Kids [22 0 R 23 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 21 0 R /Resources 24 0 R /Contents 2 0 R >>",
		"<< /Type /Page /Parent 21 0 R /Contents 3 0 R >>",
		"<< /XObject << /Fm1 4 0 R >> >>",
	}
	objs := []string{
		"<< /Type /XRef /Size 25 >>", // a stand-in for the xref stream
		pdfStreamObj("", content),
		pdfStreamObj("", "BT /F1 12 Tf 72 500 Td (Page two) Tj ET"),
		pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", form),
		pdfObjStm([]int{20, 21, 22, 23, 24}, compressed, true),
	}
	return pdfObjects(append(objs, extra...))
}

// TestPDFPagesInObjectStream (issue #9): a file naming an object stream
// had no pages told apart and read no form where drawn; page dictionaries
// compressed in an object stream (PDF 1.5+) were not seen. Page 1 starts
// a mobile ("Tel 138") that a form it draws under a cm ends, the form
// filed after page 2's stream: every viewer shows it on one line. The
// object stream is now decoded and the form read where drawn: found in
// a Scan, masked in Redact (the form and page are plain; the page's
// dictionary compressed).
func TestPDFPagesInObjectStream(t *testing.T) {
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q"
		form := "BT /F1 12 Tf 72 700 Td (" + m[3:] + ") Tj ET"
		pdf := pdfPagesInObjStm(page, form)
		if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
			t.Errorf("pages in an object stream: Tel %s refused or masked %v, found %v", m, red, found)
		}
	}
}

// TestPDFObjectStreamDecoyName (issue #9): the name /ObjStm anywhere in
// a file (a comment, a decoy object, a stream that is no object stream)
// turned the page reading off, and a mobile a page starts and a form
// drawn under a cm ends, filed after the next page's stream, passed. A
// name is no object stream: pages are still told apart and the form read
// where drawn.
func TestPDFObjectStreamDecoyName(t *testing.T) {
	r := rng(t.Name())
	decoys := map[string]string{
		"comment":       "[] % /ObjStm",
		"decoy object":  "<< /Type /ObjStm >>",
		"escaped":       "<< /Type /Obj#53tm /N 0 /First 0 >>",
		"empty objstm":  pdfStreamObj("/Type /ObjStm /N 0 /First 0", ""),
		"image objstm?": pdfStreamObj("/Type /XObject /Subtype /Image /Width 1 /Height 1 /Name /ObjStm", "\x00"),
	}
	for name, decoy := range decoys {
		m := synth.CNMobile(r)
		pdf := pdfSplitByForm(m, 1, []string{decoy})
		if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
			t.Errorf("%s: Tel %s refused or masked %v, found %v", name, m, red, found)
		}
	}
}

// TestPDFObjectStreamCleanKept: a clean PDF 1.5 file, its page
// dictionaries in an object stream, its pages drawing a form, passes
// byte for byte.
func TestPDFObjectStreamCleanKept(t *testing.T) {
	eng := testEngine(t)
	pdf := pdfPagesInObjStm("BT /F1 12 Tf 72 700 Td (Order 42) Tj ET /Fm1 Do", "BT /F1 12 Tf 130 700 Td (shipped 2024-06-01) Tj ET")
	res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
	if err != nil || string(res.Body) != string(pdf) {
		t.Errorf("clean object stream file: err %v, altered %v", err, err == nil && string(res.Body) != string(pdf))
	}
}

// TestPDFObjectStreamSuperseded: an object both in an object stream and
// plain (an incremental update, or a decoy) is the one the xref names,
// which the reading does not tell: when the page reading follows a
// reference to such an object (page 1's /Resources), the body is
// refused rather than read with one of them. A number only in the
// object stream, or one the reading never follows, is read as before.
func TestPDFObjectStreamSuperseded(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q"
	form := "BT /F1 12 Tf 72 700 Td (" + m[3:] + ") Tj ET"
	// object 24 (page 1's /Resources) defined again, plain, naming no
	// form (filed sixth, renumbered)
	renumber := func(pdf []byte, num string) []byte {
		return []byte(strings.Replace(string(pdf), "\n6 0 obj", "\n"+num+" 0 obj", 1))
	}
	pdf := renumber(pdfPagesInObjStm(page, form, "<< >>"), "24")
	if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("resources both compressed and plain: err %v, want ErrMalformed", err)
	}
	// a decoy plain page 22 (never followed by reference): still read
	clean := pdfPagesInObjStm("BT /F1 12 Tf 72 700 Td (Order 42) Tj ET /Fm1 Do", "BT /F1 12 Tf 130 700 Td (shipped) Tj ET",
		"<< /Type /Page /Contents 3 0 R >>")
	clean = renumber(clean, "22")
	if res, err := Inspect(eng, clean, "application/pdf", "", Redact, Limits{}); err != nil || string(res.Body) != string(clean) {
		t.Errorf("a page both compressed and plain, never followed: err %v", err)
	}
}

// TestPDFObjectStreamUnreadRefused: an object stream the reading cannot
// decode (an image filter, a header it cannot read) may hold the page
// dictionaries: the body is refused, not read without its pages. In an
// encrypted file (its trailer names /Encrypt: no stream is read, a
// residual) no pages are told apart, as before, and a clean one passes.
func TestPDFObjectStreamUnreadRefused(t *testing.T) {
	eng := testEngine(t)
	unread := map[string]string{
		"image filter":  pdfStreamObj("/Type /ObjStm /N 1 /First 4 /Filter /DCTDecode", "\xff\xd8\xff\xe0"),
		"header broken": pdfStreamObj("/Type /ObjStm /N 2 /First 8", "20 0 x  << >>"),
		"no /First":     pdfStreamObj("/Type /ObjStm /N 1", "20 0 << >>"),
		"offsets back":  pdfStreamObj("/N 2 /First 10", "20 5 21 0 << >> << >>"),
	}
	for name, stm := range unread {
		pdf := pdfObjects([]string{"<< /Type /Catalog >>", pdfStreamObj("", "BT (Order 42) Tj ET"), "<< /Type /Page /Contents 2 0 R >>", stm})
		if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", name, err)
		}
		enc := []byte(strings.Replace(string(pdf), "/Root 1 0 R", "/Root 1 0 R /Encrypt 9 0 R", 1))
		if res, err := Inspect(eng, enc, "application/pdf", "", Redact, Limits{}); err != nil || string(res.Body) != string(enc) {
			t.Errorf("%s, encrypted: err %v", name, err)
		}
	}
	// uncompressed, and under a chain of filters, it is read
	m := synth.CNMobile(rng(t.Name()))
	page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q"
	form := "BT /F1 12 Tf 72 700 Td (" + m[3:] + ") Tj ET"
	plain := pdfPagesInObjStm(page, form)
	stm := strings.Index(string(plain), "/Type /ObjStm")
	for name, chain := range map[string]string{"uncompressed": "", "hex": " /Filter /AHx"} {
		objs := []string{
			"<< /Type /Catalog /Pages 21 0 R >>",
			"<< /Type /Pages /Kids [22 0 R 23 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 21 0 R /Resources 24 0 R /Contents 2 0 R >>",
			"<< /Type /Page /Parent 21 0 R /Contents 3 0 R >>",
			"<< /XObject << /Fm1 4 0 R >> >>",
		}
		body := pdfObjStm([]int{20, 21, 22, 23, 24}, objs, false)
		if chain != "" {
			d := body[strings.Index(body, "stream\n")+7 : strings.LastIndex(body, "\nendstream")]
			body = pdfStreamObj("/Type /ObjStm /N 5 /First "+pdfFirstOf(body)+chain, string(hexOfBytes([]byte(d))))
		}
		pdf := append([]byte(nil), plain[:stm-3]...)
		pdf = append(pdf, body+"\nendobj\n"...)
		if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
			t.Errorf("%s object stream: Tel %s refused or masked %v, found %v", name, m, red, found)
		}
	}
}

// pdfFirstOf is the /First of object stream body b.
func pdfFirstOf(b string) string {
	at := strings.Index(b, "/First ") + len("/First ")
	return b[at : at+strings.IndexByte(b[at:], ' ')]
}

// FuzzPDFObjectStream reads a file whose object stream's data, /N and
// /First are fuzzed, beside plain pages drawing a form: the reading
// never panics, and a body it passes in Redact mode keeps its length.
func FuzzPDFObjectStream(f *testing.F) {
	m := synth.CNMobile(rng("fuzz pdf object stream"))
	f.Add("20 0 21 64 << /Type /Page /Resources << /XObject << /Fm1 4 0 R >> >> /Contents 2 0 R >> << /Type /Pages /Kids [20 0 R] >>",
		"BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q", uint16(2), uint16(10), true)
	f.Add("20 0 20 0 4 1 << /Contents [2 0 R 3 0 R] /Parent 20 0 R >>", "/Fm1 Do", uint16(3), uint16(14), false)
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, data, page string, n, first uint16, flate bool) {
		pdf := pdfObjects([]string{
			"<< /Type /XRef >>",
			pdfStreamObj("", page),
			pdfStreamObj("", "BT /F1 12 Tf 72 500 Td (Page two) Tj ET"),
			pdfStreamObj("/Type /XObject /Subtype /Form", "BT /F1 12 Tf 72 700 Td ("+m[3:]+") Tj ET"),
			pdfStreamOf("/Type /ObjStm /N "+strconv.Itoa(int(n))+" /First "+strconv.Itoa(int(first)), data, flate),
			"<< /Type /Page /Contents 3 0 R >>",
		})
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if err == nil && len(res.Body) != len(pdf) {
			t.Errorf("redacted body of %d bytes from %d", len(res.Body), len(pdf))
		}
	})
}

// TestPDFObjectStreamReferences: the forms of a page whose dictionary
// is compressed are found however it names its /Resources: inherited
// from a compressed /Pages (its /Parent), or by a reference whose
// generation is not 0 (pdf.js fetches a compressed object whatever the
// reference's generation). The mobile page 1 starts and its form ends is
// found, and refused or masked.
func TestPDFObjectStreamReferences(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q"
	form := "BT /F1 12 Tf 72 700 Td (" + m[3:] + ") Tj ET"
	base := string(pdfPagesInObjStm(page, form))
	stm := strings.Index(base, "<< /Type /ObjStm")
	for name, objs := range map[string][]string{
		"inherited": {
			"<< /Type /Catalog /Pages 21 0 R >>",
			"<< /Type /Pages /Kids [22 0 R 23 0 R] /Count 2 /Resources 24 0 R >>",
			"<< /Type /Page /Parent 21 0 R /Contents 2 0 R >>",
			"<< /Type /Page /Parent 21 0 R /Contents 3 0 R >>",
			"<< /XObject << /Fm1 4 0 R >> >>",
		},
		"generation 7": {
			"<< /Type /Catalog /Pages 21 0 R >>",
			"<< /Type /Pages /Kids [22 0 R 23 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 21 0 R /Resources 24 7 R /Contents 2 0 R >>",
			"<< /Type /Page /Parent 21 0 R /Contents 3 0 R >>",
			"<< /XObject << /Fm1 4 0 R >> >>",
		},
	} {
		pdf := []byte(base[:stm] + pdfObjStm([]int{20, 21, 22, 23, 24}, objs, true) + "\nendobj\n")
		if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
			t.Errorf("%s: Tel %s refused or masked %v, found %v", name, m, red, found)
		}
	}
}

// TestPDFObjectStreamBudgetRefuses: whatever memory the inspection is
// given, the file whose page dictionaries are in an object stream, its
// mobile shared by page 1 and the form it draws, is refused or masked:
// a budget that runs out while the object stream is decoded or written
// out fails the inspection rather than read the pages as one.
func TestPDFObjectStreamBudgetRefuses(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	pdf := pdfPagesInObjStm("BT /F1 12 Tf 72 700 Td (Tel "+m[:3]+") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q", "BT /F1 12 Tf 72 700 Td ("+m[3:]+") Tj ET")
	sweepPDFMemory(t, eng, pdf, m[3:], false)
}
