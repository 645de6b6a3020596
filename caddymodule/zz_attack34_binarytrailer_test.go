package caddymodule

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// trailerAtEOF is a request body as Go's server gives one of a chunked
// request: its trailer fields (declared by "Trailer:" with no value) are
// filled in when the body is read to its end.
type trailerAtEOF struct {
	r       io.Reader
	req     *http.Request
	trailer http.Header
}

func (b *trailerAtEOF) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		for k, v := range b.trailer {
			b.req.Trailer[k] = v
		}
	}
	return n, err
}

func (b *trailerAtEOF) Close() error { return nil }

// TestAttack34TrailerAfterBinaryBody: a request's trailer fields are read
// only when filterRequest read the body to its end (request.go: "the body
// was read to its end: its trailer fields are in"). An untyped or
// octet-stream upload whose first 512 bytes are not text is sent on
// unread past its head (prefixedBody), so its trailers arrive while the
// upstream reads it, after the filter is done, and go on raw: a chunked
// upload of any binary file (a PNG) with "Trailer: X-Id" and the ID in the
// trailer. Go's server fills r.Trailer at the body's EOF and
// reverse_proxy sends it on, so the upstream's r.Trailer holds the raw
// ID. The same for a body over max_body under oversize pass is a choice;
// this one needs no switch.
func TestAttack34TrailerAfterBinaryBody(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	var trailer http.Header
	next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, _ = io.Copy(io.Discard, r.Body)
		trailer = r.Trailer.Clone()
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 200)...)
	r := withVars(httptest.NewRequest("POST", "/upload", nil))
	r.Header.Set("Content-Type", "application/octet-stream")
	r.ContentLength = -1
	r.TransferEncoding = []string{"chunked"}
	r.Trailer = http.Header{"X-Id": nil}
	r.Body = &trailerAtEOF{r: bytes.NewReader(png), req: r, trailer: http.Header{"X-Id": {testID}}}
	if _, err := serve(h, r, next); err != nil {
		t.Fatal(err)
	}
	assertNoRaw(t, "request trailer the upstream got", trailer.Get("X-Id"))
}
