package integration

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
)

// TestSeveralContentTypes: the upstream sends a gzip-compressed HTML page
// with an image type first among several Content-Type values (two lines,
// or one comma list), which a browser renders as HTML. Through Caddy,
// over HTTP/1.1 and h2c, the page reaches the client redacted.
func TestSeveralContentTypes(t *testing.T) {
	page := []byte("<html><body><p>身份证号 " + alice.ID + " 手机 " + alice.Mobile + "</p></body></html>")
	gz := compress(t, "gzip", page)
	types := map[string][]string{
		"/r/lines": {"image/png", "text/html; charset=utf-8"},
		"/r/list":  {"image/png, text/html"},
	}
	t.Setenv("UP", upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = types[r.URL.Path]
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(gz)
	})))
	startCaddy(t, transportSite)
	for path := range types {
		for name, client := range map[string]*http.Client{"HTTP/1.1": newClient(), "h2c": h2cClient(t)} {
			resp, err := client.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if zr, err := gzip.NewReader(bytes.NewReader(out)); err == nil {
				out, _ = io.ReadAll(zr)
			}
			assertNoRaw(t, name+" "+path, out, alice.Mobile, alice.ID)
		}
	}
}
