package bodyformat

// (attack24) pdf.js (since PR #20610, 2026-01) and pdfium decode
// /BrotliDecode streams; the reading passes an unknown name on as it is,
// so a Brotli-compressed content stream is read as its compressed bytes.

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func TestPDFViewerBrotliDecodeStream(t *testing.T) {
	id := synth.CNID18(rng(t.Name()))
	content := "BT /F1 12 Tf 72 700 Td (ID " + id + ") Tj ET"
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, 5)
	w.Write([]byte(content))
	w.Close()
	data := buf.String()
	if bytes.Contains(buf.Bytes(), []byte(id)) {
		t.Fatal("the ID shows in the compressed bytes")
	}
	for _, dict := range []string{"/Filter /BrotliDecode", "/Filter [/BrotliDecode]", "/Filter [/AHx /BrotliDecode]"} {
		d := data
		if dict == "/Filter [/AHx /BrotliDecode]" {
			d = string(hexOfBytes([]byte(data)))
		}
		pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(d))+" "+dict+" >>", d)
		if pdfLeaks(t, pdf) {
			t.Errorf("LEAK %s: a Brotli content stream pdf.js shows passes unread", dict)
		}
	}
}
