package bodyformat

// (attack24) pdf.js resolves an indirect /DecodeParms and takes a null
// one as none: the stream is decoded plainly.

import (
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func TestPDFViewerDecodeParmsNullOrRef(t *testing.T) {
	id := synth.CNID18(rng(t.Name()))
	z := string(zlibOf("BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET"))
	for _, tc := range []struct{ dict, extra string }{
		{"/Filter /FlateDecode /DecodeParms null", ""},
		{"/Filter [/FlateDecode] /DecodeParms [null]", ""},
		{"/Filter /FlateDecode /DecodeParms 3 0 R", "null"},
		{"/Filter /FlateDecode /DecodeParms 3 0 R", "<< >>"},
		{"/Filter /FlateDecode /DecodeParms 3 0 R", "<< /Predictor 1 >>"},
		{"/Filter /FlateDecode /DP 3 0 R", "<< /Columns 4 >>"},
		{"/Filter [/FlateDecode] /DecodeParms 3 0 R", "[null]"},
		{"/Filter 3 0 R", "/FlateDecode"},
		{"/Filter [3 0 R]", "/FlateDecode"},
		{"/Filter 3 0 R", "[/FlateDecode]"},
	} {
		objs := []string{"<< /Type /Catalog >>", "<< /Length " + strconv.Itoa(len(z)) + " " + tc.dict + " >>\nstream\n" + z + "\nendstream"}
		if tc.extra != "" {
			objs = append(objs, tc.extra)
		}
		if pdfLeaks(t, pdfObjects(objs)) {
			t.Errorf("LEAK %s (3 0 obj %s): a plain Flate stream pdf.js decodes passes unread", tc.dict, tc.extra)
		}
	}
}
