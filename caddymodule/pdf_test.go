package caddymodule

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// pdfDoc returns a one-page PDF with the binary comment line after its
// header, whose page draws text from a content stream (compressed with
// FlateDecode when flate).
func pdfDoc(text string, flate bool) []byte {
	content := "BT /F1 12 Tf 72 712 Td (" + text + ") Tj ET"
	stream := "<< /Length " + strconv.Itoa(len(content)) + " >>\nstream\n" + content + "\nendstream"
	if flate {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write([]byte(content))
		w.Close()
		stream = "<< /Length " + strconv.Itoa(z.Len()) + " /Filter /FlateDecode >>\nstream\n" + z.String() + "\nendstream"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	x := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		b.WriteString(fmt.Sprintf("%010d 00000 n \n", o))
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(len(objs)+1) + " /Root 1 0 R >>\nstartxref\n" + strconv.Itoa(x) + "\n%%EOF\n")
	return []byte(b.String())
}

// TestPDFResponsesRead: a PDF with the binary comment line (as PDF writers
// emit it), served as application/pdf, application/octet-stream or
// untyped, whose page shows an ID and a mobile from an uncompressed
// content stream, reaches the client masked in place (same length, so its
// offsets hold); a clean one passes byte for byte; one whose compressed
// content stream shows an ID is refused.
func TestPDFResponsesRead(t *testing.T) {
	for _, ct := range []string{"application/pdf", "application/octet-stream", ""} {
		hdr := map[string]string{}
		if ct != "" {
			hdr["Content-Type"] = ct
		}
		h, _ := newHandler(t, Handler{})
		pdf := pdfDoc("ID: "+testID+"  Tel: "+testMobile, false)
		w, err := serve(h, get("/invoice.pdf"), respondWith(http.StatusOK, hdr, pdf))
		if err != nil {
			t.Fatal(err)
		}
		assertNoRaw(t, fmt.Sprintf("PDF as %q", ct), w.Body.String())
		if w.Code != http.StatusOK || w.Body.Len() != len(pdf) {
			t.Errorf("%q: status %d, %d bytes of %d", ct, w.Code, w.Body.Len(), len(pdf))
		}

		clean := pdfDoc("Order 12345678, 2024-01-02", false)
		w, err = serve(h, get("/invoice.pdf"), respondWith(http.StatusOK, hdr, clean))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w.Body.Bytes(), clean) {
			t.Errorf("%q: a clean PDF changed", ct)
		}

		w, err = serve(h, get("/invoice.pdf"), respondWith(http.StatusOK, hdr, pdfDoc("ID: "+testID, true)))
		if err != nil {
			t.Fatal(err)
		}
		if w.Code == http.StatusOK {
			t.Errorf("%q: a PDF with an ID in a compressed stream went out (%d)", ct, w.Code)
		}
		if bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF")) {
			t.Errorf("%q: the refused PDF's bytes went out", ct)
		}

		r := withVars(httptest.NewRequest(http.MethodPost, "/upload", bytes.NewReader(pdf)))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		var c captured
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		assertNoRaw(t, fmt.Sprintf("PDF uploaded as %q, as the upstream got it", ct), string(c.body))
		if len(c.body) != len(pdf) {
			t.Errorf("%q: the upstream got %d bytes of %d", ct, len(c.body), len(pdf))
		}
	}
}
