package caddymodule

import (
	"bytes"
	"net/http"
	"testing"
)

// TestAttack50EmptyContentTypeResponse: passesBinary lets a body whose
// head is no text go on unread when the response has a Content-Type
// header at all (len(Header().Values("Content-Type")) > 0), so an
// upstream that writes the header empty (Content-Type: ) or with
// parameters and no type (Content-Type: ; charset=utf-8), which name no
// type (mediaType is ""), passes the raw records an untyped response is
// held for (NULs, then a form's fields with a mobile): the mobile goes
// out raw, where the same body with no header at all is held and
// refused (TestFix50UntypedSignedResponseHeld).
//
// Want: read as an untyped body: the mobile does not reach the client.
func TestAttack50EmptyContentTypeResponse(t *testing.T) {
	const maxBody = 4 << 10
	body := append([]byte("BM"), attack49aFiller(700)...)
	body = append(body, "\x00\x00&tel="+testMobile+"&x=1"...)
	for _, ct := range []string{"", "; charset=utf-8", " "} {
		for _, chunk := range []int{100, 1 << 20} {
			h, logs := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody})
			next := func(w http.ResponseWriter, r *http.Request) error {
				w.Header()["Content-Type"] = []string{ct}
				return fix49Chunked(body, chunk)(w, r)
			}
			w, _ := serve(h, get("/f"), next)
			if bytes.Contains(w.Body.Bytes(), []byte(testMobile)) {
				t.Errorf("Content-Type %q, writes of %d: status %d, the mobile went out raw", ct, chunk, w.Code)
			}
			assertLogsClean(t, logs)
		}
	}
}
