package caddymodule

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestFix53LooseDeflateHeadPastMaxBody (fix53deflate): a random upload
// whose head passes Inspect's raw deflate rule (DeflatedHead: a few bytes
// of text before a fault, one random head in nine) but not the strict one
// (DeflatedText) is read whole within max_body; past it, with its length
// known or chunked, it goes through the binary screen rather than the
// oversize road: it reaches the upstream byte for byte, not refused 413.
func TestFix53LooseDeflateHeadPastMaxBody(t *testing.T) {
	const maxBody = 64 << 10
	r := rand.New(rand.NewPCG(53, 8))
	var big []byte
	for tries := 0; big == nil; tries++ {
		if tries > 1000 {
			t.Fatal("no loose head in 1000 random ones")
		}
		b := make([]byte, maxBody+4096)
		for k := range b {
			b[k] = byte(r.Uint32())
		}
		if bodyformat.DeflatedHead(b[:sniffLen]) && !bodyformat.DeflatedText(b[:sniffLen]) && !bodyformat.IsText("", b[:sniffLen]) {
			big = b
		}
	}
	for name, body := range map[string][]byte{"past max_body": big, "within max_body": big[:maxBody/2]} {
		for _, chunked := range []bool{false, true} {
			h, logs := newHandler(t, Handler{Request: "reject", Response: "off", MaxBody: maxBody})
			req := post(string(body), "application/octet-stream")
			if chunked {
				req.ContentLength, req.TransferEncoding = -1, []string{"chunked"}
			}
			var p proxied
			w, err := serve(h, req, proxyLike(&p))
			if err != nil || w.Code >= 400 || !bytes.Equal(p.body, body) {
				t.Errorf("%s (chunked %v): status %d (%v), upstream got %d of %d bytes", name, chunked, w.Code, err, len(p.body), len(body))
			}
			assertLogsClean(t, logs)
		}
	}
}
