package integration

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// TestRequestTrailersAfterBinaryBody (attack pass 34, F8): through a real
// Caddy and reverse_proxy, over HTTP/1.1 and h2c, a binary upload of
// unknown length (a PNG, which the filter passes on unread) carries a
// resident ID in a request trailer. The upstream never sees the raw ID:
// under redact the trailer reaches it masked and the image byte for byte;
// a clean trailer beside it arrives as it was sent.
func TestRequestTrailersAfterBinaryBody(t *testing.T) {
	type got struct {
		body          []byte
		id, clean     string
		readErr       error
		sawTrailerKey bool
	}
	seen := make(chan got, 4)
	t.Setenv("UP", upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		_, declared := r.Trailer["X-Id"]
		seen <- got{body: b, id: r.Trailer.Get("X-Id"), clean: r.Trailer.Get("X-Build"), readErr: err, sawTrailerKey: declared}
		w.WriteHeader(http.StatusNoContent)
	})))
	startCaddy(t, "pii_filter\nreverse_proxy {$UP}")

	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 0xff, 0x13, 0x80}, 2048)...)
	for name, client := range map[string]*http.Client{"HTTP/1.1": newClient(), "h2c": h2cClient(t)} {
		req := newRequest(t, http.MethodPut, "/upload", nil, "Content-Type", "image/png")
		req.Body = io.NopCloser(unknownLength{bytes.NewReader(png)})
		req.ContentLength = -1
		req.Trailer = http.Header{"X-Id": {alice.ID}, "X-Build": {"build 20251101"}}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		up := <-seen
		if !up.sawTrailerKey {
			t.Fatalf("%s: the upstream saw no X-Id trailer declared: the test checks nothing", name)
		}
		assertNoRaw(t, name+": the trailer the upstream saw", []byte(up.id), alice.ID)
		if up.readErr == nil {
			if up.id != maskID(alice.ID) {
				t.Errorf("%s: X-Id trailer %q, want the masked ID %q", name, up.id, maskID(alice.ID))
			}
			if !bytes.Equal(up.body, png) || up.clean != "build 20251101" {
				t.Errorf("%s: the upstream got %d of %d body bytes and X-Build %q, want the image and the clean trailer as sent", name, len(up.body), len(png), up.clean)
			}
		}
	}
}
