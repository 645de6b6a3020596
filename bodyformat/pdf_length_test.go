package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
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
