package caddymodule

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"
)

// TestFix50UntypedSignedResponseHeld (attack pass 49a, F5): a response
// with no Content-Type whose first bytes are a known signature is held
// and inspected up to max_body like any untyped binary body: a forged
// 2-to-4-byte signature ("BM", "ID3", an icon's) before a form's field
// with a mobile is refused under redact whether the body ends within the
// sniffed head or runs past it; a clean file of a real signature (a PNG,
// a JPEG) comes through byte for byte, held below max_body and streamed
// past it.
func TestFix50UntypedSignedResponseHeld(t *testing.T) {
	const maxBody = 4 << 10
	for _, sig := range []string{"BM", "ID3", "\x00\x00\x01\x00", "\x89PNG\r\n\x1a\n"} {
		body := append([]byte(sig), attack49aFiller(700)...)
		body = append(body, "\x00\x00&tel="+testMobile+"&x=1"...)
		for _, chunk := range []int{100, 1 << 20} {
			h, logs := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody})
			w, _ := serve(h, get("/f"), fix49Chunked(body, chunk))
			if w.Code != http.StatusForbidden || bytes.Contains(w.Body.Bytes(), []byte(testMobile)) {
				t.Errorf("%q, writes of %d: status %d, want refused", sig, chunk, w.Code)
			}
			assertLogsClean(t, logs)
		}
	}
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66"
	for name, body := range map[string][]byte{
		"png below max_body":  append([]byte(png), attack49aFiller(3<<10)...),
		"png past max_body":   append([]byte(png), attack49aFiller(5*maxBody)...),
		"jpeg below max_body": append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), attack49aFiller(2<<10)...),
		"jpeg past max_body":  append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), attack49aFiller(3*maxBody)...),
	} {
		for _, chunk := range []int{100, 1 << 20} {
			for _, sized := range []bool{false, true} {
				h, _ := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody})
				next := func(w http.ResponseWriter, r *http.Request) error {
					if sized {
						w.Header().Set("Content-Length", strconv.Itoa(len(body)))
					}
					return fix49Chunked(body, chunk)(w, r)
				}
				w, err := serve(h, get("/f"), next)
				if err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), body) {
					t.Errorf("%s, writes of %d, Content-Length %v: status %d (%v), %d of %d bytes", name, chunk, sized, w.Code, err, w.Body.Len(), len(body))
				}
			}
		}
	}
}
