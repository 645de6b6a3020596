package matcher

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"
	"testing/iotest"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestBinaryHeadBodyMatched (issue #9): a body whose first 512 bytes are
// no text, untyped or application/octet-stream, had been judged by its
// head alone: "\x00\x00&tel=<mobile>" was no match while pii_filter's
// binary screen refuses it. It is now read as the screen reads it (a
// form's fields in a binary body, bodyformat) and matches, read a byte
// at a time, and the next handler still gets it byte for byte; the same
// bytes with the value clean, and a body typed as an image, do not match.
// A binary body over max_body is an error (413), as a text one is: it
// cannot be judged unread.
func TestBinaryHeadBodyMatched(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 21))
	noise := make([]byte, 600)
	for bodyformat.IsText("", noise) || bytes.IndexByte(noise, 0) >= 0 || bytes.IndexByte(noise, '=') >= 0 {
		for i := range noise {
			noise[i] = byte(r.UintN(256))
		}
	}
	request := func(body []byte, ct string) *http.Request {
		req := newRequest("POST", "/upload", ct, nil)
		req.Body, req.ContentLength = io.NopCloser(iotest.OneByteReader(bytes.NewReader(body))), int64(len(body))
		return req
	}
	m := newMatcher(t, MatchPII{})
	for _, head := range []string{"\x00\x00&", "\xff\xd8\xff&", string(noise) + "&"} {
		body := []byte(head + "tel=" + testMobile + "\x00\x01&name=x")
		clean := []byte(head + "tel=x" + testMobile[:5] + "&name=x")
		for _, ct := range []string{"", "application/octet-stream"} {
			req := request(body, ct)
			if !mustMatch(t, m, req) {
				t.Errorf("%.12q as %q: no match", head, ct)
			}
			if got, err := io.ReadAll(req.Body); err != nil || !bytes.Equal(got, body) {
				t.Errorf("%.12q as %q: the next handler got %d of %d bytes (%v)", head, ct, len(got), len(body), err)
			}
			if mustMatch(t, m, request(clean, ct)) {
				t.Errorf("%.12q as %q: the clean body matched", head, ct)
			}
		}
		if mustMatch(t, m, request(body, "image/jpeg")) {
			t.Errorf("%.12q as image/jpeg: matched, want it sent on unread", head)
		}
	}
	small := newMatcher(t, MatchPII{MaxBody: 1 << 10})
	big := append([]byte("\x00\x00&"), bytes.Repeat([]byte{1, 2, 0xff}, 1<<10)...)
	if _, err := small.MatchWithError(request(big, "")); statusOf(err) != http.StatusRequestEntityTooLarge {
		t.Errorf("a binary body over max_body: %v, want 413", err)
	}
}
