package bodyformat

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestASCII85AsPDFJS: the ASCII85 decoder reads as pdf.js does: white
// space skipped, z only at a group's start, any other byte a digit (the
// value modulo 2^32), a last partial group, '~' or the end ending it.
func TestASCII85AsPDFJS(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"87cURD]i,\"Ebo80~>", "Hello World!"},
		{"87cU RD]\ni,\"Eb\to80", "Hello World!"},
		{"z!!!!!~>", "\x00\x00\x00\x00\x00\x00\x00\x00"},
		{"!!z!!", "\x00\x09\xcf\xd1"},      // z inside a group: the digit 89
		{"!!v!!", "\x00\x09\x5e\xed"},      // v (above u): the digit 85
		{"s8W-\"", "\x00\x00\x00\x00"},     // 2^32: wraps to 0
		{"uuuuu", "\x08\x78\x0e\xc4"},      // 84*(85^4+85^3+85^2+85+1) mod 2^32
		{"87cURD]i,\"Ebo8", "Hello World"}, // partial group
		{"87~cURD", "H"},
	} {
		got, err := io.ReadAll(newASCII85Reader([]byte(tc.in)))
		if err != nil || string(got) != tc.want {
			t.Errorf("%q: %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestASCIIHexSkipsOtherBytes: bytes that are no hex digit are skipped
// (pdf.js), '>' ends the data.
func TestASCIIHexSkipsOtherBytes(t *testing.T) {
	got, err := asciiHexDecode([]byte("31g3 2\x00x3>34"), newMeter(Limits{}.withDefaults()))
	if err != nil || string(got) != "120" { // 31, 32, then 3 and a 0
		t.Errorf("got %q, %v", got, err)
	}
}

// TestLZWCodeAboveTable: a code above the table's next one repeats the
// last string with its first byte, and the data goes on (pdf.js).
func TestLZWCodeAboveTable(t *testing.T) {
	got, err := io.ReadAll(newLZWReader([]byte(lzwLiteral([]byte("ab"), 511, []byte("cd"))), 1))
	if err != nil || string(got) != "abbbcd" {
		t.Errorf("got %q, %v", got, err)
	}
}

// tiffSubBytePredicted returns s under TIFF predictor 2 for rows of
// columns pixels of colors samples of bits bits (bits < 8).
func tiffSubBytePredicted(s []byte, colors, bits, columns int) []byte {
	row := (colors*bits*columns + 7) / 8
	for len(s)%row != 0 {
		s = append(s, ' ')
	}
	out := bytes.Clone(s)
	mask := 1<<bits - 1
	sample := func(b []byte, k int) int { // the k-th sample of row b
		v := 0
		for x := range bits {
			bit := k*bits + x
			v = v<<1 | int(b[bit/8]>>(7-bit%8))&1
		}
		return v
	}
	put := func(b []byte, k, v int) {
		for x := range bits {
			bit := k*bits + x
			b[bit/8] &^= 1 << (7 - bit%8)
			b[bit/8] |= byte((v>>(bits-1-x))&1) << (7 - bit%8)
		}
	}
	for r := 0; r < len(s); r += row {
		for k := colors * columns; k >= colors; k-- {
			if k == colors*columns {
				continue
			}
			put(out[r:r+row], k, (sample(s[r:r+row], k)-sample(s[r:r+row], k-colors))&mask)
		}
	}
	return out
}

// TestTIFFSubByteUndone: TIFF predictor 2 over samples of 1 to 7 bits
// gives back the rows.
func TestTIFFSubByteUndone(t *testing.T) {
	text := []byte("BT /F1 12 Tf 72 700 Td (Order 12345678 of 2024) Tj ET")
	for _, c := range []struct{ colors, bits, columns int }{{1, 1, 16}, {1, 4, 6}, {3, 2, 4}, {3, 3, 5}, {2, 5, 7}, {1, 7, 9}} {
		enc := tiffSubBytePredicted(bytes.Clone(text), c.colors, c.bits, c.columns)
		got := unpredict(bytes.Clone(enc), pdfParms{predictor: 2, colors: int64(c.colors), bits: int64(c.bits), columns: int64(c.columns)})
		if !bytes.HasPrefix(got, text) {
			t.Errorf("%+v: %q", c, got)
		}
	}
}

// TestPDFTooManyFiltersRefused: a chain of more than maxPDFFilters is
// refused, never passed unread.
func TestPDFTooManyFiltersRefused(t *testing.T) {
	data := "3>"
	pdf := pdfStreamFile("<< /Length 2 /Filter [/AHx /AHx /AHx /AHx /AHx /AHx /AHx /AHx /AHx] >>", data)
	if _, err := Inspect(testEngine(t), pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("err %v, want ErrMalformed", err)
	}
}

// TestPDFImageShownStringsRead: a stream labelled an image is read for
// the strings an operator shows (a content stream mislabelled), not for
// strings nothing shows; uncompressed or compressed.
func TestPDFImageShownStringsRead(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	for _, tc := range []struct {
		data   string
		shown  bool
		filter string
	}{
		{"BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET", true, ""},
		{"BT [(ID ) -20 (" + id + ")] TJ ET", true, ""},
		{"BT 0 0 (ID " + id + ") \" ET", true, ""},
		{"(ID " + id + ") x", false, ""},
		{"q (ID " + id + ") Q", false, ""},
		{"BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET", true, "/FlateDecode"},
		{"\x17(ID " + id + ")\x80\x90", false, "/FlateDecode"},
	} {
		data := tc.data
		if tc.filter != "" {
			data = string(zlibOf(data))
		}
		pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(data))+" /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 8 /Filter ["+tc.filter+"] >>", data)
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		leaked := err == nil && bytes.Contains(res.Body, []byte(id))
		switch {
		case tc.shown && leaked:
			t.Errorf("shown %q %s: passed", tc.data, tc.filter)
		case !tc.shown && (err != nil || res.Changed || !bytes.Equal(res.Body, pdf)):
			t.Errorf("not shown %q %s: err %v, changed %v", tc.data, tc.filter, err, res.Changed)
		}
	}
}
