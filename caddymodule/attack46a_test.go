package caddymodule

import (
	"bytes"
	"compress/zlib"
	"io"
	"net/http"
	"testing"
)

// zlibOf46a compresses b as a zlib stream (RFC 1950).
func zlibOf46a(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inflatedOrAsIs returns b inflated when it is a zlib stream, else b.
func inflatedOrAsIs(b []byte) []byte {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return b
	}
	return out
}

// TestAttack46aCompressedFileUntypedRequest (attack46a F1): a request
// body that is a gzip file or a zlib stream of a form holding a mobile,
// untyped or application/octet-stream, with no Content-Encoding, is no
// text by its first bytes (IsText), so the proxy sends it through the
// binary screen, which reads runs of text and form fields in the
// compressed bytes and never decompresses them: under reject the
// upstream got the whole file, the mobile in it raw once decompressed.
// Inspect reads the same body whole (charsetBody: compressedFile,
// "whatever its type says"), so the proxy and the matcher disagree. It
// should be refused (or read as Inspect reads it). A clean file passes
// byte for byte.
func TestAttack46aCompressedFileUntypedRequest(t *testing.T) {
	doc := []byte("tel=" + testMobile + "&note=fresh")
	for _, c := range []struct {
		name string
		body []byte
		open func([]byte) []byte
	}{
		{"gzip", gzipOf(t, doc), gunzippedOrAsIs},
		{"zlib", zlibOf46a(t, doc), inflatedOrAsIs},
	} {
		for _, ct := range []string{"", "application/octet-stream"} {
			h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
			var p proxied
			w, err := serve(h, post(string(c.body), ct), proxyLike(&p))
			if bytes.Contains(c.open(p.body), []byte(testMobile)) || w.Code != DefaultStatus {
				t.Errorf("%s as %q under reject: status %d (%v), the upstream got %d bytes holding the mobile raw once decompressed", c.name, ct, w.Code, err, len(p.body))
			}
			assertLogsClean(t, logs)

			clean := c.body
			if c.name == "gzip" {
				clean = gzipOf(t, []byte("note=fresh&qty=3"))
			} else {
				clean = zlibOf46a(t, []byte("note=fresh&qty=3"))
			}
			h, _ = newHandler(t, Handler{Request: "reject", Response: "off"})
			p = proxied{}
			w, err = serve(h, post(string(clean), ct), proxyLike(&p))
			if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, clean) {
				t.Errorf("%s as %q clean: status %d (%v), upstream got %d of %d bytes", c.name, ct, w.Code, err, len(p.body), len(clean))
			}
		}
	}
}
