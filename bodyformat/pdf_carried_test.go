package bodyformat

// Strings an image-labelled content stream ends with, shown by the next
// stream of the page (pdf.js reads a page's content streams as one).

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfPageOfTwo is a one-page PDF whose /Contents are two streams, the
// first with dictionary entries d1 and data a, the second d2 and b.
func pdfPageOfTwo(d1, a, d2, b string) []byte {
	return pdfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] >>",
		"<< /Length " + strconv.Itoa(len(a)) + " " + d1 + " >>\nstream\n" + a + "\nendstream",
		"<< /Length " + strconv.Itoa(len(b)) + " " + d2 + " >>\nstream\n" + b + "\nendstream",
	})
}

// TestPDFImageLabelledShownByNextStream: a string that ends an
// image-labelled stream and that the next stream shows refuses the body
// (it is not masked in place), uncompressed or compressed, either
// stream; strings an image ends with pass when the next stream shows
// its own text or nothing.
func TestPDFImageLabelledShownByNextStream(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	first := "BT /F1 12 Tf 72 700 Td (ID " + id + ")"
	for _, second := range []string{" Tj ET", " Q Tj ET", "%c\n[] TJ TJ ET", " foo ' ET"} {
		for _, comp := range [][2]bool{{false, false}, {true, true}, {true, false}, {false, true}} {
			a, b, d1, d2 := first, second, "/Subtype /Image", ""
			if comp[0] {
				a, d1 = string(zlibOf(a)), d1+" /Filter /FlateDecode"
			}
			if comp[1] {
				b, d2 = string(zlibOf(b)), "/Filter /FlateDecode"
			}
			pdf := pdfPageOfTwo(d1, a, d2, b)
			if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%q compressed %v: err %v, want ErrMalformed", second, comp, err)
			}
		}
	}
	// an image of dark grey noise ('(' .. '9') spelling a mobile, then a
	// content stream that opens its text, or shows nothing
	r := rand.New(rand.NewPCG(3, 3))
	img := make([]byte, 4096)
	for i := range img {
		img[i] = byte(40 + r.IntN(18))
	}
	copy(img[1000:], "(13800138000)")
	for _, second := range []string{"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", "q 1 0 0 1 0 0 cm /Im1 Do Q", ""} {
		for _, comp := range []bool{false, true} {
			a, d1 := string(img), "/Subtype /Image /Width 64 /Height 64 /BitsPerComponent 8"
			if comp {
				a, d1 = string(zlibOf(a)), d1+" /Filter /FlateDecode"
			}
			pdf := pdfPageOfTwo(d1, a, "", second)
			res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
			if err != nil || res.Changed || !bytes.Equal(res.Body, pdf) {
				t.Errorf("FALSE POSITIVE image then %q (compressed %v): err %v, changed %v", second, comp, err, res.Changed)
			}
		}
	}
}

// TestPDFCarryThrough: content data read on a stack holding a string
// carried (pdfCarried) shows it when an operator that shows takes it,
// past BT, Tf and Td (each given its own), dictionaries, inline images
// and arrays as one operand each; not when its own operands suffice.
func TestPDFCarryThrough(t *testing.T) {
	for _, tc := range []struct {
		data string
		want bool
	}{
		{" Tj ET", true},
		{"Q 1 w foo\x80 ' ET", true},
		{"BT /F1 12 Tf 72 700 Td Tj ET", true},
		{"%BT\nTJ", true},
		{"QTj", true},
		{"/P <</MCID 0 /T (x)>> BDC Tj EMC", true},
		{"BI /W 2 /H 1 /BPC 8 /CS /G ID ((\nEI Tj", true},
		{"[] TJ TJ", true},
		{"BT (x) Tj ET", false},
		{"q Q", false},
		{"/Tj (Tj) <546A>", false},
		{"[(a)] TJ", false},
		{"BI /W 1 ID Tj EI", false},
		{"", false},
	} {
		o := &pdfOperands{arrayFrom: -1}
		o.push(pdfOperand{pdfCarried, pdfCarried})
		pdfCarryThrough([]byte(tc.data), o)
		if o.carriedShown != tc.want {
			t.Errorf("%q: %v, want %v", tc.data, o.carriedShown, tc.want)
		}
	}
}

// TestPDFOpPrefix: a run of regular characters is cut as pdf.js's
// content lexer cuts it.
func TestPDFOpPrefix(t *testing.T) {
	for _, tc := range []struct{ word, first string }{
		{"TjET", "Tj"}, {"Tj0", "Tj"}, {"'ET", "'"}, {"\"ET", "\""},
		{"QTj", "Q"}, {"qQ", "q"}, {"BDC", "BDC"}, {"BMC", "BMC"}, {"BT", "BT"},
		{"nullTj", "null"}, {"falseQ", "false"}, {"scnTj", "scn"}, {"f*Tj", "f*"},
		{"foo", "f"}, {"xyz", "xyz"}, {"xTj", "xTj"}, {"\x80Tj", "\x80"}, {"\x80\x81", "\x80\x81"},
		{"Tj", "Tj"}, {"T", "T"},
	} {
		if n := pdfOpPrefix([]byte(tc.word)); tc.word[:n] != tc.first {
			t.Errorf("%q: first word %q, want %q", tc.word, tc.word[:n], tc.first)
		}
	}
}

// pdfPageOf is a one-page PDF whose /Contents are the streams given, a
// dictionary's entries and data each.
func pdfPageOf(streams ...[2]string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", ""}
	refs := ""
	for k, s := range streams {
		refs += " " + strconv.Itoa(4+k) + " 0 R"
		objs = append(objs, "<< /Length "+strconv.Itoa(len(s[1]))+" "+s[0]+" >>\nstream\n"+s[1]+"\nendstream")
	}
	objs[2] = "<< /Type /Page /Parent 2 0 R /Contents [" + refs + " ] >>"
	return pdfObjects(objs)
}

// TestPDFCarriedOverStreamsAndOperands: pdf.js keeps the operands an
// image-labelled stream leaves over BT, over streams that show nothing
// and over all of a page's streams; it reads a dictionary as one
// operand and skips an inline image's data from ID to EI. A string with
// personal data so shown refuses the body (or is masked when shown in
// its own uncompressed stream); the same shapes with clean strings pass
// byte for byte.
func TestPDFCarriedOverStreamsAndOperands(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	img := "/Subtype /Image"
	flate := img + " /Filter /FlateDecode"
	z := func(s string) string { return string(zlibOf(s)) }
	for _, s := range []string{"(ID " + id + ")", "(Hello world)"} {
		clean := s == "(Hello world)"
		for name, pdf := range map[string][]byte{
			"next stream opens BT":      pdfPageOf([2]string{img, "BT /F1 12 Tf 72 700 Td " + s}, [2]string{"", "BT /F1 12 Tf 72 700 Td Tj ET"}),
			"compressed, next BT":       pdfPageOf([2]string{flate, z("BT /F1 12 Tf 72 700 Td " + s)}, [2]string{"", "BT /F1 12 Tf 72 700 Td Tj ET"}),
			"next compressed, BT":       pdfPageOf([2]string{img, "BT /F1 12 Tf 72 700 Td " + s}, [2]string{"/Filter /FlateDecode", z("BT /F1 12 Tf 72 700 Td Tj ET")}),
			"over q Q":                  pdfPageOf([2]string{img, "BT /F1 12 Tf 72 700 Td " + s}, [2]string{"", "q Q"}, [2]string{"", " Tj ET"}),
			"over q 1 w Q, then BT":     pdfPageOf([2]string{img, s}, [2]string{"", "q 1 w Q"}, [2]string{"", "BT /F1 12 Tf 72 700 Td Tj ET"}),
			"over an image":             pdfPageOf([2]string{img, s}, [2]string{img, "(x) 1 w"}, [2]string{"", "Q Q Tj Tj"}),
			"dict operand of BDC":       pdfPageOf([2]string{img, "BT /F1 12 Tf 72 700 Td " + s + " /P <</MCID 0>> BDC Tj EMC ET"}),
			"dict of two entries":       pdfPageOf([2]string{img, "BT /F1 12 Tf 72 700 Td " + s + " /Span <</Lang (en) /E (x)>> BDC Tj EMC ET"}),
			"dict operand, compressed":  pdfPageOf([2]string{flate, z("BT /F1 12 Tf 72 700 Td " + s + " /P <</MCID 0>> BDC Tj EMC ET")}),
			"inline image data '(('":    pdfPageOf([2]string{img, "BI /W 2 /H 1 /BPC 8 /CS /G ID ((\nEI BT /F1 12 Tf 72 700 Td " + s + " Tj ET"}),
			"inline image, compressed":  pdfPageOf([2]string{flate, z("BI /W 2 /H 1 /BPC 8 /CS /G ID ((\nEI BT /F1 12 Tf 72 700 Td " + s + " Tj ET")}),
			"over 5000 put aside":       pdfPageOf([2]string{img, strings.Repeat("(1) h ", 5000) + s + " h"}, [2]string{"", "q Q"}, [2]string{"", "BT Tj ET"}),
			"inline image, next stream": pdfPageOf([2]string{img, s}, [2]string{"", "BI /W 2 /H 1 /BPC 8 /CS /G ID ((\nEI BT Tj ET"}),
		} {
			res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
			switch {
			case clean && (err != nil || res.Changed || !bytes.Equal(res.Body, pdf)):
				t.Errorf("FALSE POSITIVE %s: err %v, changed %v", name, err, err == nil && res.Changed)
			case !clean && !errors.Is(err, ErrMalformed) && (err != nil || !res.Changed || bytes.Contains(res.Body, []byte(id))):
				t.Errorf("%s: shown by pdf.js, went out (err %v)", name, err)
			}
		}
	}
}
