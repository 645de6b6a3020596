package caddymodule

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// TestTypedBinaryDownloadStreams: a response whose Content-Type names
// any binary type (application/octet-stream, a 7z archive, an executable)
// and whose head is no text is a download: it streams through byte for
// byte past max_body under the default oversize reject, unbuffered, as
// before fix49frames; only a body with no Content-Type at all and no known
// signature is held and inspected (TestFix49UntypedBinaryResponseOversize).
func TestTypedBinaryDownloadStreams(t *testing.T) {
	const maxBody = 4 << 10
	filler := make([]byte, 16<<10) // random bytes: no text in any charset
	r := rand.New(rand.NewPCG(49, 7))
	for k := range filler {
		filler[k] = byte(r.Uint32())
	}
	bodies := map[string][]byte{
		"application/octet-stream":    append([]byte("MZ\x90\x00\x03\x00\x00\x00"), filler...),
		"application/x-7z-compressed": append([]byte("7z\xbc\xaf\x27\x1c\x00\x04"), filler...),
		"application/vnd.ms-excel":    append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), filler...),
		"application/x-sqlite3":       append([]byte("SQLite format 3\x00"), filler...),
	}
	for ct, body := range bodies {
		for _, chunk := range []int{100, 1 << 20} {
			h, _ := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody, Oversize: "reject"})
			next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				w.Header().Set("Content-Type", ct)
				return fix49Chunked(body, chunk)(w, r)
			})
			w, err := serve(h, get("/f"), next)
			if err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), body) {
				t.Errorf("%s, writes of %d: status %d (%v), %d of %d bytes %q", ct, chunk, w.Code, err, w.Body.Len(), len(body), w.Body.Bytes()[:min(300, w.Body.Len())])
			}
		}
	}
}
