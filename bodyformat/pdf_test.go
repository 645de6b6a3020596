package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfOf returns a one-page PDF whose page draws content (a content stream,
// compressed with FlateDecode when flate), with an Info dictionary whose
// title is info, an image stream (DCTDecode) of pdfImage's bytes, the
// binary comment line after the header when binary, and a
// cross-reference table of the objects' offsets.
func pdfOf(content, info string, binary, flate bool) []byte {
	return pdfWith(content, info, binary, flate, "\xff\xd8(2024)\xff\x00<31>\x01\x02\x03")
}

// pdfWith is pdfOf with the image stream's bytes.
func pdfWith(content, info string, binary, flate bool, image string) []byte {
	stream := "<< /Length " + strconv.Itoa(len(content)) + " >>\nstream\n" + content + "\nendstream"
	if flate {
		z := zlibOf(content)
		stream = "<< /Length " + strconv.Itoa(len(z)) + " /Filter /FlateDecode >>\nstream\n" + string(z) + "\nendstream"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Title " + info + " /Producer (synth 1.0) >>",
		"<< /Length " + strconv.Itoa(len(image)) + " /Subtype /Image /Filter /DCTDecode >>\nstream\n" + image + "\nendstream",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	if binary {
		b.WriteString("%\xe2\xe3\xcf\xd3\n")
	}
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	x := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		b.WriteString(fmt.Sprintf("%010d 00000 n \n", o))
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(len(objs)+1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + strconv.Itoa(x) + "\n%%EOF\n")
	return []byte(b.String())
}

var xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) 00000 n `)

// checkPDFOffsets fails the test unless every cross-reference entry of b
// points at its object and startxref at the table.
func checkPDFOffsets(t *testing.T, what string, b []byte) {
	t.Helper()
	for k, m := range xrefEntry.FindAllSubmatch(b, -1) {
		off, _ := strconv.Atoi(string(m[1]))
		if !bytes.HasPrefix(b[off:], []byte(strconv.Itoa(k+1)+" 0 obj")) {
			t.Errorf("%s: object %d is no longer at %d", what, k+1, off)
		}
	}
	i := bytes.LastIndex(b, []byte("startxref\n"))
	x, _ := strconv.Atoi(string(bytes.Fields(b[i+len("startxref\n"):])[0]))
	if !bytes.HasPrefix(b[x:], []byte("xref")) {
		t.Errorf("%s: startxref no longer points at the table", what)
	}
}

// octal returns s written as PDF octal escapes, \ddd a byte.
func octal(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "\\%03o", c)
	}
	return b.String()
}

// TestPDFStringsRead: the values a viewer shows from a PDF's strings —
// literal, split over several Tj or a TJ array, written in octal escapes
// (also short ones), as a hex string, in the document's title — are
// masked in place: the file keeps its length and its offsets, with or
// without the binary comment line, whatever its type says.
func TestPDFStringsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id, mob := synth.CNID18(r), synth.CNMobile(r)
	for name, tc := range map[string]struct{ content, info string }{
		"literal":       {"BT /F1 12 Tf 72 712 Td (ID: " + id + "  Tel: " + mob + ") Tj ET", "(Invoice)"},
		"split Tj":      {"BT /F1 12 Tf 72 712 Td (" + id[:6] + ") Tj (" + id[6:12] + ") Tj (" + id[12:] + ") Tj ET", "(Invoice)"},
		"TJ array":      {"BT /F1 12 Tf 72 712 Td [(" + mob[:3] + ") -20 (" + mob[3:7] + ") 15.5 (" + mob[7:] + ")] TJ ET", "(Invoice)"},
		"octal":         {"BT /F1 12 Tf 72 712 Td (" + octal(id) + ") Tj ET", "(Invoice)"},
		"short octal":   {"BT /F1 12 Tf 72 712 Td (\\61\\63\\70" + mob[3:] + ") Tj ET", "(Invoice)"},
		"hex":           {"BT /F1 12 Tf 72 712 Td <" + fmt.Sprintf("%X", id) + "> Tj ET", "(Invoice)"},
		"hex spaced":    {"BT /F1 12 Tf 72 712 Td <" + strings.Join(strings.Split(fmt.Sprintf("%x", mob), ""), " ") + "> Tj ET", "(Invoice)"},
		"escaped paren": {"BT /F1 12 Tf 72 712 Td (\\(" + mob + "\\)) Tj ET", "(Invoice)"},
		"title":         {"BT /F1 12 Tf 72 712 Td (Hello) Tj ET", "(" + mob + ")"},
	} {
		for _, binary := range []bool{false, true} {
			pdf := pdfOf(tc.content, tc.info, binary, false)
			for _, ct := range []string{"application/pdf", "application/octet-stream", ""} {
				what := fmt.Sprintf("%s (binary %v) as %q", name, binary, ct)
				res := mustInspect(t, eng, pdf, ct, "", Redact)
				if !res.Changed || len(res.Body) != len(pdf) {
					t.Errorf("%s: changed %v, %d bytes of %d", what, res.Changed, len(res.Body), len(pdf))
					continue
				}
				checkPDFOffsets(t, what, res.Body)
				var shown pdfText
				shown.m = newMeter(Limits{})
				in := &inspector{eng: eng, mode: Scan, meter: shown.m}
				_ = in.pdfRegion(res.Body, true, 0, 0, func(text *pdfText) error {
					shown.view = append(shown.view, text.view...)
					return nil
				})
				if v := string(shown.view); strings.Contains(v, id) || strings.Contains(v, mob) || strings.Contains(v, mob[3:]) {
					t.Errorf("%s: a viewer shows %q", what, v)
				}
			}
		}
	}
}

// TestPDFCleanKept: clean PDFs (numbers, dates, an order number split over
// strings, an image stream whose bytes hold digits and parentheses,
// compressed content) pass byte for byte.
func TestPDFCleanKept(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range []struct {
		content string
		flate   bool
	}{
		{"BT /F1 12 Tf 72 712 Td (Order 12345678 of 2024-01-02, total 1,234.56) Tj ET", false},
		{"BT /F1 12 Tf 72 712 Td [(Page ) 1 ( of ) 2] TJ 0 -14 Td (\\(c\\) 2024 \\\\ \\061\\062) Tj ET", false},
		{"BT (Order 12345678) Tj ET", true},
		{"BT <48656C6C6F20313233> Tj ET", false},
	} {
		for _, binary := range []bool{false, true} {
			pdf := pdfOf(tc.content, "(Invoice 2024)", binary, tc.flate)
			for _, mode := range []Mode{Redact, Scan} {
				res, err := Inspect(eng, pdf, "application/pdf", "", mode, Limits{})
				if err != nil || res.Changed || !bytes.Equal(res.Body, pdf) || res.Summary.Categories != 0 {
					t.Errorf("%q (binary %v, mode %v): err %v, changed %v, %+v", tc.content, binary, mode, err, res.Changed, res.Summary)
				}
			}
		}
	}
	// an image's bytes are not read as strings, whatever they hold
	pdf := pdfWith("BT (Hello) Tj ET", "(Invoice)", true, false, "\xff\xd8(13812345678)\xff<3133383132333435363738>\x00")
	if res := mustInspect(t, eng, pdf, "application/pdf", "", Redact); res.Changed {
		t.Errorf("an image stream was read")
	}
}

// TestPDFCompressedStreamFailsClosed: personal data in a FlateDecode
// content stream cannot be masked without rewriting the stream and every
// offset after it: in Redact mode the body is uninspectable (refused), in
// Scan mode it is counted.
func TestPDFCompressedStreamFailsClosed(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	for _, content := range []string{
		"BT /F1 12 Tf 72 712 Td (ID: " + id + ") Tj ET",
		"BT /F1 12 Tf 72 712 Td (" + id[:9] + ") Tj (" + id[9:] + ") Tj ET",
		"BT /F1 12 Tf 72 712 Td <" + fmt.Sprintf("%X", id) + "> Tj ET",
	} {
		pdf := pdfOf(content, "(Invoice)", true, true)
		if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: err %v, want ErrMalformed", content, err)
		}
		res, err := Inspect(eng, pdf, "application/pdf", "", Scan, Limits{})
		if err != nil || res.Summary.Categories == 0 {
			t.Errorf("%q, Scan: err %v, %+v", content, err, res.Summary)
		}
	}
	// a stream cut short is read up to the fault, as lenient viewers show it
	z := zlibOf("BT /F1 12 Tf 72 712 Td (ID: " + id + ") Tj " + strings.Repeat("0 -14 Td (lorem ipsum) Tj ", 30) + "ET")
	z = z[:len(z)-20]
	cut := "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n4 0 obj\n<< /Length " + strconv.Itoa(len(z)) + " /Filter /FlateDecode >>\nstream\n" + string(z) + "\nendstream\nendobj\n"
	if _, err := Inspect(eng, []byte(cut), "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("a compressed stream cut short: err %v, want ErrMalformed", err)
	}
}
