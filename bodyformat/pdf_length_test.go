package bodyformat

import (
	"bytes"
	"encoding/ascii85"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// zlibStoredThen is a zlib stream of stored+rest: its first block stored
// (stored's bytes appear in it as they are), the rest compressed.
func zlibStoredThen(stored, rest string) []byte {
	var b bytes.Buffer
	b.Write([]byte{0x78, 0x01})
	b.WriteByte(0x00) // BFINAL 0, BTYPE 00, padding
	binary.Write(&b, binary.LittleEndian, uint16(len(stored)))
	binary.Write(&b, binary.LittleEndian, ^uint16(len(stored)))
	b.WriteString(stored)
	b.Write(deflateOf(rest))
	binary.Write(&b, binary.BigEndian, adler32.Checksum([]byte(stored+rest)))
	return b.Bytes()
}

// pdfStreamFile is a PDF of one content stream whose dictionary is dict
// and whose data is data.
func pdfStreamFile(dict, data string) []byte {
	return pdfObjects([]string{"<< /Type /Catalog >>", dict + "\nstream\n" + data + "\nendstream"})
}

// TestPDFStreamLength: a stream's data ends where its direct /Length
// says when "endstream" follows there, as a viewer reads it, so an
// "endstream" inside the data does not cut it short; a /Length that is a
// reference, too long, or not followed by "endstream" falls back to the
// first "endstream".
func TestPDFStreamLength(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	z := zlibStoredThen("BT /F1 12 Tf 72 700 Td (endstream) Tj ", "0 -14 Td (ID "+id+") Tj ET")
	pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(z))+" /Filter /FlateDecode >>", string(z))
	if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("\"endstream\" in a compressed stream's data: err %v, want ErrMalformed", err)
	}
	content := "BT 72 700 Td (endstream) Tj 0 -14 Td (ID " + id + ") Tj ET"
	for _, dict := range []string{
		"<< /Length " + strconv.Itoa(len(content)) + " >>",
		"<< /Length1 3 /Length " + strconv.Itoa(len(content)) + " >>",
	} {
		res := mustInspect(t, eng, pdfStreamFile(dict, content), "application/pdf", "", Redact)
		if !res.Changed || bytes.Contains(res.Body, []byte(id)) {
			t.Errorf("%s: \"endstream\" in the data: changed %v", dict, res.Changed)
		}
	}
	// a /Length that is no good: the data ends at the first endstream
	content = "BT 72 700 Td (ID " + id + ") Tj ET"
	for _, dict := range []string{"<< /Length 7 0 R >>", "<< /Length 99999 >>", "<< /Length 3 >>", "<< /Length -5 >>"} {
		res := mustInspect(t, eng, pdfStreamFile(dict, content), "application/pdf", "", Redact)
		if !res.Changed || bytes.Contains(res.Body, []byte(id)) {
			t.Errorf("%s: changed %v", dict, res.Changed)
		}
	}
	// an image whose /Length covers bytes that look like strings and an
	// "endstream" is not read
	img := "\xff\xd8(13812345678)\nendstream\n(13812345678)\xff"
	pdf = pdfStreamFile("<< /Length "+strconv.Itoa(len(img))+" /Subtype /Image /Filter /DCTDecode >>", img)
	if res := mustInspect(t, eng, pdf, "application/pdf", "", Redact); res.Changed || !strings.HasPrefix(string(res.Body), "%PDF-") {
		t.Errorf("an image stream's bytes were read")
	}
}

// TestPDFStreamLengthReference: a /Length that is a reference "n g R"
// to an integer object (as most writers put it, after the stream) is
// resolved as a viewer resolves it, so an "endstream" inside the data
// does not cut it short; an unresolved one falls back to the first
// "endstream"; of two /Length keys the last counts.
func TestPDFStreamLengthReference(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	z := zlibStoredThen("BT /F1 12 Tf 72 700 Td (endstream) Tj ", "0 -14 Td (ID "+id+") Tj ET")
	n := strconv.Itoa(len(z))
	for _, tc := range []struct {
		dict string
		objs []string
	}{
		{"<< /Length 3 0 R /Filter /FlateDecode >>", []string{n}},
		{"<< /Length 4 0 R /Filter /FlateDecode >>", []string{"5", n}},
		{"<< /Length\n3\n0\nR/Filter/FlateDecode>>", []string{" " + n + " "}},
		{"<< /Length 0 /Length " + n + " /Filter /FlateDecode >>", nil},
		{"<< /Length 4 0 R /Length 3 0 R /Filter /FlateDecode >>", []string{n, "2"}},
	} {
		objs := append([]string{"<< /Type /Catalog >>", tc.dict + "\nstream\n" + string(z) + "\nendstream"}, tc.objs...)
		if _, err := Inspect(eng, pdfObjects(objs), "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: err %v, want ErrMalformed (the stream read whole)", tc.dict, err)
		}
	}
	// the same clean: passes byte for byte, whatever the /Length says
	clean := zlibStoredThen("BT /F1 12 Tf 72 700 Td (endstream) Tj ", "0 -14 Td (Order 12) Tj ET")
	for _, objs := range [][]string{
		{"<< /Type /Catalog >>", "<< /Length 3 0 R /Filter /FlateDecode >>\nstream\n" + string(clean) + "\nendstream", strconv.Itoa(len(clean))},
		{"<< /Type /Catalog >>", "<< /Length 9 0 R /Filter /FlateDecode >>\nstream\n" + string(clean) + "\nendstream"},
	} {
		pdf := pdfObjects(objs)
		if res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); err != nil || res.Changed {
			t.Errorf("clean: err %v, changed %v", err, res.Changed)
		}
	}
}

// TestPDFLengthObjects: the integer objects a file defines, by number
// and generation, the later of two definitions kept; other objects and
// look-alikes are not.
func TestPDFLengthObjects(t *testing.T) {
	b := []byte("%PDF-1.7\n3 0 obj\n120\nendobj\n4 1 obj 7 endobj x5 0 obj 9 endobj 6 0 obj 1.5 endobj 7 0 obj 12 0 R endobj\n" +
		"8 0 obj <<>> endobj 3 0 obj 140 endobj 10   2 obj\r\n  33\r\nendobj")
	got := pdfLengthObjects(b, newMeter(Limits{}.withDefaults()))
	want := map[[2]int]int{{3, 0}: 140, {4, 1}: 7, {10, 2}: 33}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%v: got %d, want %d", k, got[k], v)
		}
	}
}

// TestPDFStreamReadPastFirstEndstream: a compressed stream whose /Length
// does not hold (a reference to no object) is read up to its first
// "endstream", as pdf.js reads it, and up to the last one before its
// "endobj", as poppler reads it (an "endstream" its compressed bytes
// spell does not hide the rest); the same clean passes byte for byte.
func TestPDFStreamReadPastFirstEndstream(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	for _, tc := range []struct{ name, dict, data, clean string }{
		{"Flate, endstream in a stored block", "/Length 9 0 R /Filter /FlateDecode",
			string(zlibStoredThen("BT /F1 12 Tf 72 700 Td (endstream) Tj ", "0 -14 Td (ID "+id+") Tj ET")),
			string(zlibStoredThen("BT /F1 12 Tf 72 700 Td (endstream) Tj ", "0 -14 Td (Order 12) Tj ET"))},
		{"A85 spelling endstream", "/Length 9 0 R /Filter /A85",
			a85WithEndstream("BT /F1 12 Tf 72 720 Td (Hello) Tj ET", "BT /F1 12 Tf 72 700 Td (ID "+id+") Tj ET"),
			a85WithEndstream("BT /F1 12 Tf 72 720 Td (Hello) Tj ET", "BT /F1 12 Tf 72 700 Td (Order 12) Tj ET")},
	} {
		pdf := pdfStreamFile("<< "+tc.dict+" >>", tc.data)
		if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", tc.name, err)
		}
		pdf = pdfStreamFile("<< "+tc.dict+" >>", tc.clean)
		if res := mustInspect(t, eng, pdf, "application/pdf", "", Redact); res.Changed || !bytes.Equal(res.Body, pdf) {
			t.Errorf("%s clean: changed", tc.name)
		}
	}
}

// a85WithEndstream returns ASCII85Decode data whose text holds the word
// "endstream" as two of its base-85 groups, decoding to shown, a comment
// holding those groups' bytes, then after.
func a85WithEndstream(shown, after string) string {
	grp := make([]byte, 8)
	if n, _, err := ascii85.Decode(grp, []byte("endstream!"), true); err != nil || n != 8 {
		panic(fmt.Sprint(n, err))
	}
	p := shown + "\n%"
	for len(p)%4 != 0 {
		p = " " + p
	}
	plain := append(append([]byte(p), grp...), "\n"+after...)
	out := make([]byte, ascii85.MaxEncodedLen(len(plain)))
	enc := string(out[:ascii85.Encode(out, plain)])
	if !strings.Contains(enc, "endstream") {
		panic("no endstream in " + enc)
	}
	return enc + "~>"
}
