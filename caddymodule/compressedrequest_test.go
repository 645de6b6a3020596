package caddymodule

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// TestCompressedFileUntypedOversize: an untyped gzip file or zlib stream
// with no Content-Encoding is read whole as Inspect reads it
// (bodyformat.CompressedFile), so one longer than max_body meets the
// oversize policy (413 under reject), where the binary screen would
// have passed it unread; under oversize pass it goes on byte for byte.
func TestCompressedFileUntypedOversize(t *testing.T) {
	doc := []byte("tel=" + testMobile + "&note=" + strings.Repeat("fresh ", 2000))
	for name, body := range map[string][]byte{"gzip": gzipOf(t, doc), "zlib": zlibOf46a(t, doc)} {
		h, logs := newHandler(t, Handler{Request: "reject", Response: "off", MaxBody: int64(len(body) - 1), Oversize: "reject"})
		var p proxied
		w, _ := serve(h, post(string(body), ""), proxyLike(&p))
		if w.Code != http.StatusRequestEntityTooLarge || len(p.body) != 0 {
			t.Errorf("%s over max_body: status %d, upstream got %d bytes", name, w.Code, len(p.body))
		}
		assertLogsClean(t, logs)

		h, _ = newHandler(t, Handler{Request: "reject", Response: "off", MaxBody: int64(len(body) - 1), Oversize: "pass"})
		p = proxied{}
		w, err := serve(h, post(string(body), ""), proxyLike(&p))
		if err != nil || !bytes.Equal(p.body, body) {
			t.Errorf("%s over max_body, oversize pass: status %d (%v), upstream got %d of %d bytes", name, w.Code, err, len(p.body), len(body))
		}
	}
}
