package bodyformat

// Content streams found by an attacker pass (attack22): each case asserts
// the secure behaviour: a content stream a viewer decodes and shows, holding a
// resident ID, must not pass the filter unchanged in Redact mode (it is
// refused, ErrMalformed, or the ID is masked).

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfLeakClosed reports whether the inspection of pdf did not let id through.
func pdfLeakClosed(t *testing.T, pdf []byte, id string) (bool, string) {
	t.Helper()
	res, err := Inspect(testEngine(t), pdf, "application/pdf", "", Redact, Limits{})
	if err != nil {
		return true, "err " + err.Error()
	}
	if !res.Changed {
		return false, "passed unchanged"
	}
	if bytes.Contains(res.Body, []byte(id)) {
		return false, "changed, but the ID is still there"
	}
	return true, "masked"
}

// hexEnd is s as ASCIIHexDecode data with its end marker.
func hexEnd(s []byte) string { return fmt.Sprintf("%X>", s) }

// tiff16Predicted is s (an even length, padded with spaces) under the TIFF
// predictor for 16-bit samples of one colour and `columns` columns.
func tiff16Predicted(s []byte, columns int) []byte {
	row := 2 * columns
	for len(s)%row != 0 {
		s = append(s, ' ')
	}
	out := bytes.Clone(s)
	for r := 0; r < len(s); r += row {
		for i := r + 2; i < r+row; i += 2 {
			cur := uint16(s[i])<<8 | uint16(s[i+1])
			prev := uint16(s[i-2])<<8 | uint16(s[i-1])
			d := cur - prev
			out[i], out[i+1] = byte(d>>8), byte(d)
		}
	}
	return out
}

// TestPDFViewerDecodedStreamsRead: content streams a viewer (pdf.js, the PDF
// spec) decodes and shows, each holding an ID, are refused or masked; the
// same streams holding an order number instead pass byte for byte.
func TestPDFViewerDecodedStreamsRead(t *testing.T) {
	r := rng(t.Name())
	id := synth.CNID18(r)
	for _, secret := range []string{id, "Order 12345678 of 2024-01-02"} {
		pdfViewerStreams(t, id, secret)
	}
}

// pdfViewerStreams runs the streams of TestPDFViewerDecodedStreamsRead
// showing secret: refused or masked when it is id, else intact.
func pdfViewerStreams(t *testing.T, id, secret string) {
	text := "BT /F1 12 Tf 72 700 Td (ID " + secret + ") Tj ET"
	b := []byte(text)
	z := string(zlibOf(text))
	var long []byte // enough codes for LZW's code width to grow
	for i := range 400 {
		long = append(long, fmt.Sprintf("BT /F1 9 Tf 72 %d Td (row %d %x) Tj ET\n", i, i*7919, i*104729)...)
	}
	long = append(long, text...)
	for _, tc := range []struct{ name, dict, data string }{
		{"CONTROL plain Flate", "/Filter /FlateDecode", z},
		{"CONTROL A85", "/Filter /A85", string(a85Of(b))},
		{"CONTROL Flate PNG", "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>", string(zlibOf(string(pngPredicted(b, 7, 1))))},
		{"CONTROL long LZW", "/Filter /LZW", string(lzwOf(long, 1))},
		{"CONTROL long LZW EarlyChange 0", "/Filter /LZW /DecodeParms << /EarlyChange 0 >>", string(lzwOf(long, 0))},
		{"CONTROL literal LZW", "/Filter /LZW", lzwLiteral([]byte("BT /F1 12 Tf 72 720 Td (Hi) Tj ET\n%"), ' ', append([]byte("\n"), b...))},
		// F1: an unknown filter: pdf.js warns "Filter not supported" and reads the raw bytes
		{"F1 unknown filter name, raw data", "/Filter /Bogus", text},
		{"F1 unknown filter before Flate", "/Filter [/Bogus /FlateDecode]", z},
		// F2: pdfFilters does not skip comments and strings in the dictionary
		{"F2 comment between /Filter and its value", "/Filter %c\n/FlateDecode", z},
		{"F2 comment holding << before /Filter", "/X 1 %<<\n/Filter /FlateDecode", z},
		{"F2 string holding << before /Filter", "/T (<<) /Filter /FlateDecode", z},
		{"F2 string holding >> before /Filter", "/T (>>) /Filter /FlateDecode", z},
		{"F2 string naming another filter", "/T (/Filter /DCTDecode) /Filter /FlateDecode", z},
		// F3: predictor parameters taken from anywhere in the dictionary
		{"F3 no filter, stray DecodeParms predictor", "/DecodeParms << /Predictor 12 /Columns 5 >>", text},
		{"F3 predictor in an unrelated dictionary", "/Filter /FlateDecode /Extra << /Predictor 12 /Columns 5 >>", z},
		{"F3 predictor on the A85 of [/A85 /Fl]", "/Filter [/A85 /FlateDecode] /DecodeParms [<< /Predictor 12 /Columns 5 >> null]", string(a85Of([]byte(z)))},
		{"F3 predictor on A85 alone", "/Filter /A85 /DecodeParms << /Predictor 12 /Columns 5 >>", string(a85Of(b))},
		{"F3 negative predictor (none for a viewer)", "/Filter /FlateDecode /DecodeParms << /Predictor -1 >>", z},
		{"F3 negative Colors without a predictor", "/Filter /FlateDecode /DecodeParms << /Colors -1 >>", z},
		{"F3 EarlyChange 0 given to the A85 of [/A85 /LZW]", "/Filter [/A85 /LZW] /DecodeParms [<< /EarlyChange 0 >> null]", string(a85Of(lzwOf(long, 1)))},
		{"F3 EarlyChange 2 (pdf.js uses the number)", "/Filter /LZW /DecodeParms << /EarlyChange 2 >>", string(lzwOf(long, 2))},
		// F4: two compression filters, the predictor on the first
		{"F4 [/Fl /Fl] predictor on first", "/Filter [/FlateDecode /FlateDecode] /DecodeParms [<< /Predictor 12 /Columns 7 >> null]",
			string(zlibOf(string(pngPredicted(zlibOf(text), 7, 1))))},
		// F5: predictor rows the spec (and pdf.js) defines but the reading refuses or gets wrong
		{"F5 PNG pixel of 12 bits is 2 bytes", "/Filter /FlateDecode /DecodeParms << /Predictor 11 /Colors 3 /BitsPerComponent 4 /Columns 4 >>",
			string(zlibOf(string(pngPredicted(b, 6, 2))))},
		{"F5 PNG BitsPerComponent 3", "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Colors 8 /BitsPerComponent 3 /Columns 5 >>",
			string(zlibOf(string(pngPredicted(b, 15, 3))))},
		{"F5 TIFF 16-bit", "/Filter /FlateDecode /DecodeParms << /Predictor 2 /BitsPerComponent 16 /Columns 8 >>",
			string(zlibOf(string(tiff16Predicted(b, 8))))},
		{"F5 PNG row over 64 KiB columns", "/Filter /FlateDecode /DecodeParms << /Predictor 10 /Columns 70000 >>",
			string(zlibOf("\x00" + text + strings.Repeat(" ", 70000-len(text))))},
		{"F5 BPC abbreviation (pdf.js reads /BPC)", "/Filter /FlateDecode /DecodeParms << /Predictor 11 /Colors 2 /BPC 16 /Columns 4 >>",
			string(zlibOf(string(pngPredicted(b, 16, 4))))},
		// F6: five text filters in a chain
		{"F6 five AHx", "/Filter [/AHx /AHx /AHx /AHx /AHx]", hexEnd([]byte(hexEnd([]byte(hexEnd([]byte(hexEnd([]byte(hexEnd(b)))))))))},
		{"F8 AHx non-hex byte skipped by pdf.js", "/Filter /AHx", hexEnd([]byte("BT (ID "))[:14] + "g" + hexEnd([]byte(secret+") Tj ET"))},
		{"F8 LZW code above the table (pdf.js: KwKwK, goes on)", "/Filter /LZW", lzwLiteral([]byte("BT /F1 12 Tf 72 720 Td (Hi) Tj ET\n%"), 511, append([]byte("\n"), b...))},
		{"F8 A85 z inside a group (pdf.js reads it as a digit)", "/Filter /A85", a85ZInGroup(b)},
		{"F8 A85 byte above u (pdf.js computes it)", "/Filter /A85", a85DigitAboveU(b, 'v')},
	} {
		data := tc.data
		dict := strings.ReplaceAll(tc.dict, "LEN", strconv.Itoa(len(data)))
		if !strings.Contains(dict, "/Length") {
			dict = "/Length " + strconv.Itoa(len(data)) + " " + dict
		}
		pdf := pdfStreamFile("<< "+dict+" >>", data)
		if secret != id {
			res, err := Inspect(testEngine(t), pdf, "application/pdf", "", Redact, Limits{})
			if err != nil || res.Changed || !bytes.Equal(res.Body, pdf) {
				t.Errorf("clean %s: err %v, changed %v", tc.name, err, res.Changed)
			}
			continue
		}
		if ok, how := pdfLeakClosed(t, pdf, id); !ok {
			t.Errorf("LEAK %s: %s (dict %q)", tc.name, how, dict)
		}
	}
}

// a85ZInGroup is b under ASCII85Decode with a 'z' inside a group placed before
// the ID's group: the first groups are a sentence, then "!!z!!", then b.
func a85ZInGroup(b []byte) string {
	head := []byte("BT /F1 12 Tf 72 720 Td (Hi) Tj ET\n%xx")
	for len(head)%4 != 0 {
		head = append(head, 'x')
	}
	return strings.TrimSuffix(string(a85Of(head)), "~>") + "!!z!!" + string(a85Of(append([]byte("\n"), b...)))
}

// a85DigitAboveU is like a85ZInGroup with a group holding c.
func a85DigitAboveU(b []byte, c byte) string {
	head := []byte("BT /F1 12 Tf 72 720 Td (Hi) Tj ET\n%xx")
	for len(head)%4 != 0 {
		head = append(head, 'x')
	}
	return strings.TrimSuffix(string(a85Of(head)), "~>") + "!!" + string(c) + "!!" + string(a85Of(append([]byte("\n"), b...)))
}

// lzwLiteral is LZW data of 9-bit codes: each byte of p as its own
// code, then the code bad, then each byte of q, then the end code. (Short
// enough that the code width stays 9.)
func lzwLiteral(p []byte, bad int, q []byte) string {
	var codes []int
	for _, c := range p {
		codes = append(codes, int(c))
	}
	codes = append(codes, bad)
	for _, c := range q {
		codes = append(codes, int(c))
	}
	codes = append(codes, lzwEnd)
	var out []byte
	var acc uint64
	var n uint
	for _, c := range codes {
		acc = acc<<9 | uint64(c)
		for n += 9; n >= 8; n -= 8 {
			out = append(out, byte(acc>>(n-8)))
		}
	}
	if n > 0 {
		out = append(out, byte(acc<<(8-n)))
	}
	return string(out)
}
