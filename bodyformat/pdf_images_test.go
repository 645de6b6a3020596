package bodyformat

// Clean PDFs found by an attacker pass (attack22) that must pass byte for
// byte.

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestPDFCleanImagesIntact: image XObjects and xref streams are not
// text, whatever their decoded bytes spell.
func TestPDFCleanImagesIntact(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(7, 7))
	// a dark grey noisy image: sample values 40..57 ('(' .. '9')
	const w, h = 256, 256
	img := make([]byte, w*h)
	for i := range img {
		img[i] = byte(40 + r.IntN(18))
	}
	noise := bytes.Clone(img)
	// one row spelling a mobile and a card between a '(' and a ')': a pattern of grey levels
	copy(img[w*10:], "(13800138000)")
	copy(img[w*20:], "(6222021234567890128)")
	rows := make([]byte, 0, h*(w+1))
	for y := range h {
		rows = append(rows, 0)
		rows = append(rows, img[y*w:(y+1)*w]...)
	}
	// an xref stream under /Predictor 12 with /W [1 4 2]
	var xr []byte
	prev := make([]byte, 7)
	for i := range 400 {
		e := []byte{1, 0, 0, 0, 0, 0, 0}
		off := 0x28313338 + i // offsets whose bytes are ( 1 3 8 …
		e[1], e[2], e[3], e[4] = byte(off>>24), byte(off>>16), byte(off>>8), byte(off)
		xr = append(xr, 2)
		for k := range e {
			xr = append(xr, e[k]-prev[k])
		}
		prev = e
	}
	// noise over other ranges of grey: all bytes, printable ASCII (show
	// operators ' " Tj among it), and '"' .. '9'
	ranged := func(lo, n int) string {
		b := make([]byte, w*h)
		for i := range b {
			b[i] = byte(lo + r.IntN(n))
		}
		copy(b[w*10:], ") ) (13800138000)")
		return string(b)
	}
	wide, printable, quotes := ranged(0, 256), ranged(32, 95), ranged(34, 24)
	for _, tc := range []struct{ name, dict, data string }{
		{"full-range noise", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8", wide},
		{"printable noise", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8", printable},
		{"noise from '\"' to '9', compressed", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", string(zlibOf(quotes))},
		{"noise-only image, no predictor", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", string(zlibOf(string(noise)))},
		{"image, no predictor", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", string(zlibOf(string(img)))},
		{"image, PNG predictor", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 10 /Columns 256 >>", string(zlibOf(string(rows)))},
		{"image, LZW", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /LZWDecode", string(lzwOf(img, 1))},
		{"image, RL", "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode", string(runLengthOf(img))},
		{"xref stream, predictor 12", "/Type /XRef /Size 400 /W [1 4 2] /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >>", string(zlibOf(string(xr)))},
	} {
		pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(tc.data))+" "+tc.dict+" >>", tc.data)
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if err != nil || res.Changed || !bytes.Equal(res.Body, pdf) {
			t.Errorf("FALSE POSITIVE %s: err %v, changed %v", tc.name, err, res.Changed)
		}
	}
}
