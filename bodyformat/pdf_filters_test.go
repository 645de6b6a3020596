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
			{"/Filter [/Fl /LZW] /DecodeParms [<< /Predictor 2 /Columns 5 >> << /Predictor 11 /Columns 9 /EarlyChange 0 >>]",
				string(zlibOf(string(tiffPredicted(lzwOf(pngPredicted(b, 9, 1), 0), 5, 1))))},
			{"/Filter [/Fl /Fl] /DP [<< /Predictor 12 /Columns 7 >> << /Predictor 15 /Colors 3 /Columns 4 >>]",
				string(zlibOf(string(pngPredicted(zlibOf(string(pngPredicted(b, 12, 3))), 7, 1))))},
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

// TestPDFFilters: the filters a stream dictionary names, in order, as a
// viewer parses the dictionary (comments and strings skipped, /F before
// /Filter), and whether the reading decodes them: not under an image
// filter, Crypt, an indirect /Filter or a predictor it does not undo;
// an unknown name passes the data on; more than maxPDFFilters refuse
// the body.
func TestPDFFilters(t *testing.T) {
	const read, unread, tooMany = pdfChainRead, pdfChainUnread, pdfChainTooMany
	for _, tc := range []struct {
		dict    string
		filters []string
		state   pdfChainState
	}{
		{"<< /Length 5 >>", nil, read},
		{"<< /Length 5 /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<</Filter[/AHx/Fl]/Length 5>>", []string{"AHx", "Fl"}, read},
		{"<< /Filter /Fl#61teDecode >>", []string{"FlateDecode"}, read},
		{"<< /F#69lter /FlateDecode /DecodeParms << /Columns 3 >> >>", []string{"FlateDecode"}, read},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 3 >> >>", []string{"FlateDecode"}, read},
		{"<< /Filter /LZW /DecodeParms << /Predictor 2 /BitsPerComponent 8 /EarlyChange 0 >> >>", []string{"LZW"}, read},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 2 /BitsPerComponent 4 >> >>", []string{"FlateDecode"}, read},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 2 /BitsPerComponent 12 >> >>", nil, unread},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 5 >> >>", nil, unread},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000 >> >>", []string{"FlateDecode"}, read},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000000 >> >>", nil, unread},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns -4 >> >>", nil, unread},
		{"<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 0 R >> >>", nil, unread},
		{"<< /Filter /FlateDecode /DecodeParms 9 0 R >>", []string{"FlateDecode"}, read}, // indirect parameters: taken as none
		{"<< /Filter /FlateDecode /DecodeParms null >>", []string{"FlateDecode"}, read},
		{"<< /Filter null >>", nil, read},
		{"<< /Filter /FlateDecode /DecodeParms << /Colors -1 >> >>", []string{"FlateDecode"}, read},
		{"<< /Filter [/FlateDecode /LZW] /DecodeParms << /Predictor 12 >> >>", []string{"FlateDecode", "LZW"}, read},
		{"<< /Filter [/A85 /RL /LZW] >>", []string{"A85", "RL", "LZW"}, read},
		{"<< /Filter /JBIG2Decode >>", nil, unread},
		{"<< /Filter /DCTDecode >>", nil, unread},
		{"<< /Filter [/FlateDecode /DCT] >>", nil, unread},
		{"<< /Filter /Crypt >>", nil, unread},
		{"<< /Filter [/ASCII85Decode /FlateDecode] >>", []string{"ASCII85Decode", "FlateDecode"}, read},
		{"<< /Filter 7 0 R >>", nil, pdfChainGuessed}, // Flate if the data opens like zlib
		{"<< /F (ext.dat) /Filter /FlateDecode >>", nil, pdfChainGuessed},
		{"<< /Filter [7 0 R] >>", nil, pdfChainGuessed},
		{"<< /Filter /BrotliDecode >>", []string{"BrotliDecode"}, read},
		{"<< /Filter [/Fl /Fl /Fl /Fl /Fl] >>", []string{"Fl", "Fl", "Fl", "Fl", "Fl"}, read},
		{"<< /Filter [/AHx /AHx /AHx /AHx /AHx /AHx /AHx /AHx /AHx] >>", nil, tooMany},
		{"<< /Filter >>", nil, read},
		{"<< /Filter /Bogus >>", nil, read},
		{"<< /Filter [/Bogus /FlateDecode] >>", []string{"FlateDecode"}, read},
		// the dictionary as a viewer parses it
		{"<< /Filter %c\n/FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /X 1 %<<\n/Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /T (<<) /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /T (>>) /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /T (a\\) \\( >> ) /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /T <3E3E> /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /T (/Filter /DCTDecode) /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /Extra << /Filter /DCTDecode >> /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /Filter /DCTDecode /Filter /FlateDecode >>", []string{"FlateDecode"}, read},
		{"<< /F /FlateDecode /Filter /DCTDecode >>", []string{"FlateDecode"}, read},
		{"<< /F << /FS /URL >> /Filter /FlateDecode >>", nil, read},
	} {
		sd := pdfFilters([]byte(tc.dict))
		if !slices.Equal(sd.filters, tc.filters) || sd.state != tc.state {
			t.Errorf("%s: %q %v, want %q %v", tc.dict, sd.filters, sd.state, tc.filters, tc.state)
		}
	}
}

// TestPDFDecodeParms: /DecodeParms (or /DP) alone sets a filter's
// parameters, a dictionary for one filter or an array aligned with the
// filters; parameters elsewhere in the dictionary set nothing.
func TestPDFDecodeParms(t *testing.T) {
	p := func(pred, colors, bits, columns, early int64) pdfParms {
		return pdfParms{predictor: pred, colors: colors, bits: bits, columns: columns, early: early}
	}
	for _, tc := range []struct {
		dict  string
		parms []pdfParms
	}{
		{"<< /Filter /Fl /DecodeParms << /Predictor 12 /Columns 5 >> >>", []pdfParms{p(12, 0, 0, 5, 1)}},
		{"<< /Filter /Fl /DP << /Predictor 11 /Colors 2 /BPC 16 /Columns 4 >> >>", []pdfParms{p(11, 2, 16, 4, 1)}},
		{"<< /Filter /Fl /Extra << /Predictor 12 /Columns 5 >> >>", []pdfParms{pdfNoParms}},
		{"<< /Filter /Fl /Predictor 12 >>", []pdfParms{pdfNoParms}},
		{"<< /Filter [/A85 /Fl] /DecodeParms [<< /Predictor 12 /Columns 5 >> null] >>", []pdfParms{pdfNoParms, pdfNoParms}},
		{"<< /Filter [/A85 /LZW] /DecodeParms [null << /EarlyChange 0 /Predictor 2 >>] >>", []pdfParms{pdfNoParms, p(2, 0, 0, 0, 0)}},
		{"<< /Filter [/Fl /Fl] /DecodeParms [<< /Predictor 12 /Columns 7 >> null] >>", []pdfParms{p(12, 0, 0, 7, 1), pdfNoParms}},
		{"<< /Filter /LZW /DecodeParms << /EarlyChange 2 >> >>", []pdfParms{p(0, 0, 0, 0, 2)}},
		{"<< /Filter /LZW /DecodeParms << /X << /EarlyChange 0 >> >> >>", []pdfParms{pdfNoParms}},
	} {
		sd := pdfFilters([]byte(tc.dict))
		if !slices.Equal(sd.parms, tc.parms) || sd.state != pdfChainRead {
			t.Errorf("%s: %+v %v, want %+v", tc.dict, sd.parms, sd.state, tc.parms)
		}
	}
}
