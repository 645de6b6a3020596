package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// utf16LE spells s in UTF-16, little-endian, without a mark.
func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// fromUTF16LE reads b as UTF-16, little-endian (an odd last byte dropped).
func fromUTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}

// TestStreamInAWideCharset: JSON lines or events in UTF-16 are not read
// line by line as UTF-8 (an e-mail spelled with a NUL after each letter
// went out raw to a client that decodes the stream as declared): declared
// so, the stream is read whole in its charset; undeclared, its first bytes
// show it and it is refused.
func TestStreamInAWideCharset(t *testing.T) {
	lines := []string{utf16LE(`{"note":"ok"}` + "\n"), utf16LE(`{"contact":"mail ` + testEmail + ` or ` + testMobile + `"}` + "\n")}
	for _, c := range []struct{ ct string }{{"application/x-ndjson; charset=utf-16le"}, {"application/x-ndjson"}, {"text/event-stream; charset=utf-16le"}} {
		h, _ := newHandler(t, Handler{})
		w := httptest.NewRecorder()
		var writeErr error
		body := lines
		if strings.HasPrefix(c.ct, "text/event-stream") {
			body = []string{utf16LE("data: {\"note\":\"ok\"}\n\n"), utf16LE("data: mail " + testEmail + " or " + testMobile + "\n\n")}
		}
		_ = h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(streamNext(c.ct, body, &writeErr)))
		got := fromUTF16LE(w.Body.Bytes())
		for _, raw := range []string{testEmail, testMobile} {
			if strings.Contains(got, raw) || strings.Contains(w.Body.String(), raw) {
				t.Errorf("%s: raw value reached the client (status %d): %q", c.ct, w.Code, got)
			}
		}
	}
	// a clean stream declared in UTF-16 still arrives whole
	h, _ := newHandler(t, Handler{})
	w := httptest.NewRecorder()
	var writeErr error
	next := func(rw http.ResponseWriter, r *http.Request) error {
		return streamNext("application/x-ndjson; charset=utf-16le", lines[:1], &writeErr)(rw, r)
	}
	_ = h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(next))
	if w.Code != http.StatusOK || fromUTF16LE(w.Body.Bytes()) != `{"note":"ok"}`+"\n" {
		t.Errorf("clean UTF-16 stream: status %d, %q", w.Code, w.Body.String())
	}
}
