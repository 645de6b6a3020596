package bodyformat

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFAttachedAndMetadataRead: a file attached to a PDF (/Type
// /EmbeddedFile, plain or FlateDecode) and its XMP metadata (/Type
// /Metadata) are read as text: personal data there refuses the body in
// Redact mode (it is not masked in place) and is counted in Scan mode;
// clean ones pass byte for byte.
func TestPDFAttachedAndMetadataRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id, mob, name := synth.CNID18(r), synth.CNMobile(r), synth.CNName(r)
	csv := "name,id,mobile\n" + name + "," + id + "," + mob + "\n"
	xmp := "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description><dc:creator><rdf:Seq><rdf:li>" + name + " " + mob + "</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
	cleanCSV := "item,qty,price\nwidget,12,13.80\nbolt,138000,0.05\n"
	cleanXMP := "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description><xmp:CreateDate>2024-01-02T10:00:00+08:00</xmp:CreateDate><xmpMM:DocumentID>uuid:6f1c2e4a-3b5d-4e7f-9a0b-1c2d3e4f5a6b</xmpMM:DocumentID></rdf:Description></rdf:RDF></x:xmpmeta>"
	z := func(s string) string { return string(zlibOf(s)) }
	for _, tc := range []struct {
		dict, data string
		clean      bool
	}{
		{"/Type /EmbeddedFile /Subtype /text#2Fcsv", csv, false},
		{"/Type /EmbeddedFile /Filter /FlateDecode", z(csv), false},
		{"/Type /Metadata /Subtype /XML", xmp, false},
		{"/Type /Metadata /Subtype /XML /Filter /FlateDecode", z(xmp), false},
		{"/Type /EmbeddedFile /Subtype /text#2Fcsv", cleanCSV, true},
		{"/Type /EmbeddedFile /Filter /FlateDecode", z(cleanCSV), true},
		{"/Type /Metadata /Subtype /XML", cleanXMP, true},
	} {
		pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(tc.data))+" "+tc.dict+" >>", tc.data)
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if tc.clean {
			if err != nil || res.Changed || !bytes.Equal(res.Body, pdf) {
				t.Errorf("clean, %s: err %v, changed %v", tc.dict, err, res.Changed)
			}
			continue
		}
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", tc.dict, err)
		}
		if res, err := Inspect(eng, pdf, "application/pdf", "", Scan, Limits{}); err != nil || res.Summary.Categories == 0 {
			t.Errorf("%s, Scan: err %v, %+v", tc.dict, err, res.Summary)
		}
	}
}
