package bodyformat

// Strings an image-labelled content stream ends with, shown by the next
// stream of the page (pdf.js reads a page's content streams as one).

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strconv"
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
// image-labelled stream and that the next stream shows before it opens
// a text object of its own refuses the body (it is not masked in
// place), uncompressed or compressed, either stream; strings an image
// ends with pass when the next stream opens its own text or shows
// nothing.
func TestPDFImageLabelledShownByNextStream(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	first := "BT /F1 12 Tf 72 700 Td (ID " + id + ")"
	for _, second := range []string{" Tj ET", " Q Tj ET", "%c\n[] TJ ET", " foo ' ET"} {
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

// TestPDFShowsFirst: whether content data shows strings before it opens
// a text object of its own.
func TestPDFShowsFirst(t *testing.T) {
	for _, tc := range []struct {
		data string
		want bool
	}{
		{" Tj ET", true},
		{"Q 1 w foo\x80 ' ET", true},
		{"(BT) /BT <4254> Tj", true},
		{"%BT\nTJ", true},
		{"QTj", true},
		{"BT (x) Tj ET", false},
		{"q Q", false},
		{"/Tj (Tj) <546A>", false},
		{"", false},
	} {
		if got := pdfShowsFirst([]byte(tc.data)); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.data, got, tc.want)
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
