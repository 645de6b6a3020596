package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFFiltersRead: content streams under the filter chains a viewer
// decodes and the reading decodes too — FlateDecode twice, FlateDecode
// with a /DecodeParms that sets no predictor (or predictor 1),
// ASCIIHexDecode alone or before FlateDecode, filter names abbreviated
// or written with #xx escapes, ASCII85Decode, RunLengthDecode, LZWDecode
// (EarlyChange 1 and 0), FlateDecode or LZWDecode under PNG and TIFF
// predictors — are read: an ID there refuses the body
// in Redact mode (it cannot be masked in place), and a clean one passes
// byte for byte.
func TestPDFFiltersRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	hexOf := func(b []byte) string { return fmt.Sprintf("%X>", b) }
	for _, text := range []string{"BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET", "BT /F1 12 Tf 72 700 Td (Order 12345678 of 2024-01-02) Tj ET"} {
		clean := !bytes.Contains([]byte(text), []byte(id))
		z := zlibOf(text)
		b := []byte(text)
		for _, tc := range []struct{ dict, data string }{
			{"/Filter [/FlateDecode /FlateDecode]", string(zlibOf(string(z)))},
			{"/Filter /FlateDecode /DecodeParms << /Columns 1 >>", string(z)},
			{"/Filter /FlateDecode /DecodeParms << /Predictor 1 /Columns 4 >>", string(z)},
			{"/Filter /Fl", string(z)},
			{"/Filter /Fl#61teDecode", string(z)},
			{"/F#69lter /FlateDecode", string(z)},
			{"/Filter /ASCIIHexDecode", hexOf([]byte(text))},
			{"/Filter /AHx", hexOf([]byte(text))},
			{"/Filter [/ASCIIHexDecode /FlateDecode]", hexOf(z)},
			{"/Filter /ASCII85Decode", string(a85Of(b))},
			{"/Filter /A85", string(a85Of(b))},
			{"/Filter [/A85 /FlateDecode]", string(a85Of(zlibOf(text)))},
			{"/Filter /RunLengthDecode", string(runLengthOf(b))},
			{"/Filter /RL", string(runLengthOf(b))},
			{"/Filter /LZWDecode", string(lzwOf(b, 1))},
			{"/Filter /LZW /DecodeParms << /EarlyChange 0 >>", string(lzwOf(b, 0))},
			{"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>", string(zlibOf(string(pngPredicted(b, 7, 1))))},
			{"/Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /Columns 4 >>", string(zlibOf(string(pngPredicted(b, 12, 3))))},
			{"/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 2 /Columns 5 >>", string(zlibOf(string(tiffPredicted(b, 10, 2))))},
			{"/Filter [/AHx /LZW] /DecodeParms [null << /Predictor 11 /Columns 9 >>]", string(hexOfBytes(lzwOf(pngPredicted(b, 9, 1), 1)))},
		} {
			pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(tc.data))+" "+tc.dict+" >>", tc.data)
			res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
			switch {
			case clean && (err != nil || res.Changed || !bytes.Equal(res.Body, pdf)):
				t.Errorf("clean, %s: err %v, changed %v", tc.dict, err, res.Changed)
			case !clean && !errors.Is(err, ErrMalformed):
				t.Errorf("an ID under %s: err %v, want ErrMalformed", tc.dict, err)
			}
		}
	}
}

// TestPDFFilters: the filters a stream dictionary names, in order, and
// whether the reading decodes them: not under a predictor above 1, an
// indirect /Filter, another filter, or too many.
func TestPDFFilters(t *testing.T) {
	for _, tc := range []struct {
		dict    string
		filters []string
		known   bool
	}{
		{"<< /Length 5 >>", nil, true},
		{"<< /Length 5 /Filter /FlateDecode >>", []string{"FlateDecode"}, true},
		{"<</Filter[/AHx/Fl]/Length 5>>", []string{"AHx", "Fl"}, true},
		{"<< /Filter /Fl#61teDecode >>", []string{"FlateDecode"}, true},
		{"<< /F#69lter /FlateDecode /DecodeParms << /Columns 3 >> >>", []string{"FlateDecode"}, true},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 3 >> >>", []string{"FlateDecode"}, true},
		{"<< /Filter /LZW /DecodeParms << /Predictor 2 /BitsPerComponent 8 /EarlyChange 0 >> >>", []string{"LZW"}, true},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 2 /BitsPerComponent 4 >> >>", []string{"FlateDecode"}, false},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 5 >> >>", []string{"FlateDecode"}, false},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000 >> >>", []string{"FlateDecode"}, false},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns -4 >> >>", []string{"FlateDecode"}, false},
		{"<< /Filter [/FlateDecode /LZW] /DecodeParms << /Predictor 12 >> >>", []string{"FlateDecode", "LZW"}, false},
		{"<< /Filter [/A85 /RL /LZW] >>", []string{"A85", "RL", "LZW"}, true},
		{"<< /Filter /JBIG2Decode >>", []string{"JBIG2Decode"}, false},
		{"<< /Filter /DCTDecode >>", []string{"DCTDecode"}, false},
		{"<< /Filter [/ASCII85Decode /FlateDecode] >>", []string{"ASCII85Decode", "FlateDecode"}, true},
		{"<< /Filter 7 0 R >>", nil, false},
		{"<< /Filter [/Fl /Fl /Fl /Fl /Fl] >>", []string{"Fl", "Fl", "Fl", "Fl", "Fl"}, false},
		{"<< /Filter >>", nil, false},
	} {
		f, known, _, _ := pdfFilters([]byte(tc.dict))
		if !slices.Equal(f, tc.filters) || known != tc.known {
			t.Errorf("%s: %q %v, want %q %v", tc.dict, f, known, tc.filters, tc.known)
		}
	}
}
