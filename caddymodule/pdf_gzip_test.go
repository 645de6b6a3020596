package caddymodule

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
)

// gzipOf compresses b with gzip.
func gzipOf(t *testing.T, b []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// TestPDFGzipResponsesRead: a PDF response compressed with gzip
// (Content-Encoding) is decompressed and read like one sent as it is:
// one whose page shows an ID and a mobile reaches the client masked (it
// passed uninspected while application/pdf was a known binary type), a
// clean one reaches it unchanged once decompressed.
func TestPDFGzipResponsesRead(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	hdr := map[string]string{"Content-Type": "application/pdf", "Content-Encoding": "gzip"}
	for _, tc := range []struct {
		pdf   []byte
		clean bool
	}{
		{pdfDoc("ID: "+testID+"  Tel: "+testMobile, false), false},
		{pdfDoc("Order 12345678, 2024-01-02", false), true},
	} {
		w, err := serve(h, get("/invoice.pdf"), respondWith(http.StatusOK, hdr, gzipOf(t, tc.pdf)))
		if err != nil {
			t.Fatal(err)
		}
		body := w.Body.Bytes()
		if w.Header().Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("status %d, not gzip: %v", w.Code, err)
			}
			body, _ = io.ReadAll(zr)
		}
		if w.Code != http.StatusOK || len(body) != len(tc.pdf) {
			t.Errorf("clean %v: status %d, %d bytes of %d", tc.clean, w.Code, len(body), len(tc.pdf))
		}
		if tc.clean && !bytes.Equal(body, tc.pdf) {
			t.Errorf("a clean gzip PDF changed")
		}
		if !tc.clean {
			assertNoRaw(t, "a gzip PDF response", string(body))
		}
	}
}
