package caddymodule

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// gunzippedOrAsIs decompresses b, or returns it as it is when it is no
// gzip (a redacted body goes out identity-encoded).
func gunzippedOrAsIs(b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return b
	}
	return out
}

// severalTypes are messages with more than one Content-Type, as lines
// and as a comma list, that a browser reads as text (the last valid
// one) or that are not all images.
var severalTypes = []struct {
	name string
	ct   []string
}{
	{"two lines, an image first", []string{"image/png", "text/html; charset=utf-8"}},
	{"one line with a comma, an image first", []string{"image/png, text/html"}},
	{"two lines, text first", []string{"text/html", "image/png"}},
	{"an image then an unknown type", []string{"image/png, application/x-thing"}},
}

// TestSeveralContentTypesResponseInspected: an upstream sends several
// Content-Type values, an image type among them, with Content-Encoding
// gzip or none. A browser takes the last valid type and renders HTML; the
// filter judges by the same choice (bodyformat.ContentType) and, when
// not every value is an image, decompresses and reads the body instead of
// passing a "compressed image".
func TestSeveralContentTypesResponseInspected(t *testing.T) {
	page := "<html><body><p>身份证号 " + testID + " 手机 " + testMobile + "</p></body></html>"
	for _, tc := range severalTypes {
		for _, coded := range []bool{true, false} {
			h, _ := newHandler(t, Handler{})
			next := func(w http.ResponseWriter, r *http.Request) error {
				w.Header()["Content-Type"] = tc.ct
				body := []byte(page)
				if coded {
					w.Header().Set("Content-Encoding", "gzip")
					body = gzipped(page)
				}
				w.WriteHeader(http.StatusOK)
				_, err := w.Write(body)
				return err
			}
			w, err := serve(h, get("/page"), next)
			if err != nil {
				t.Fatal(tc.name, err)
			}
			out := string(gunzippedOrAsIs(w.Body.Bytes()))
			assertNoRaw(t, tc.name, out)
			if !strings.Contains(out, "<p>身份证号 ") {
				t.Errorf("%s (gzip %v): the page was not redacted in place", tc.name, coded)
			}
		}
	}
}

// TestSeveralContentTypesRequestInspected: a client uploads a compressed
// JSON body with several differing Content-Type values, an image type
// among them. Which one the upstream reads it by is its own choice (Go's
// servers take the first), so under the default on_error (reject) it is
// refused with 400 and never reaches the upstream; under on_error pass it
// is read by the type bodyformat.ContentType chooses and reaches the
// upstream redacted. The pii matcher fails such a body with 400 too
// (matcher/TestSeveralContentTypesRefused).
func TestSeveralContentTypesRequestInspected(t *testing.T) {
	body := `{"comment":"call me on ` + testMobile + `","idCard":"` + testID + `"}`
	for _, tc := range []struct {
		name string
		ct   []string
	}{
		{"two lines, an image first", []string{"image/png", "application/json"}},
		{"one line with a comma, an image first", []string{"image/png, application/json"}},
		{"two lines, JSON first", []string{"application/json", "image/png"}},
	} {
		for _, onError := range []string{"", "pass"} {
			h, _ := newHandler(t, Handler{OnError: onError})
			r := withVars(httptest.NewRequest(http.MethodPost, "/echo", bytes.NewReader(gzipped(body))))
			r.Header["Content-Type"] = tc.ct
			r.Header.Set("Content-Encoding", "gzip")
			var c captured
			w, err := serve(h, r, capture(&c))
			if err != nil {
				t.Fatal(tc.name, err)
			}
			if onError == "" {
				if c.called || w.Code != http.StatusBadRequest {
					t.Errorf("%s: status %d, forwarded %v; want 400, not forwarded", tc.name, w.Code, c.called)
				}
				continue
			}
			out := string(gunzippedOrAsIs(c.body))
			assertNoRaw(t, tc.name+": body as the upstream got it", out)
			if !strings.Contains(out, `"comment":"call me on `) {
				t.Errorf("%s (on_error pass): the upstream did not get the redacted body", tc.name)
			}
		}
	}
}

// TestSeveralContentTypesImagesUntouched: real images are unaffected. A
// compressed image labelled with several image types passes unread, as
// one labelled once does; a compressed image whose label ends in a text
// type is decompressed and read, and passes byte for byte.
func TestSeveralContentTypesImagesUntouched(t *testing.T) {
	img := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00\x01\x02\xff", 64))
	for _, tc := range []struct {
		name string
		ct   []string
	}{
		{"two image lines", []string{"image/png", "image/png"}},
		{"two image types in a line", []string{"image/png, image/webp"}},
		{"an image then text", []string{"image/png", "text/html"}},
		{"text then an image", []string{"text/html, image/png"}},
	} {
		for _, coded := range []bool{true, false} {
			h, _ := newHandler(t, Handler{})
			body := img
			hdr := map[string]string{}
			if coded {
				body = gzipped(string(img))
				hdr["Content-Encoding"] = "gzip"
			}
			next := func(w http.ResponseWriter, r *http.Request) error {
				w.Header()["Content-Type"] = tc.ct
				return respondWith(http.StatusOK, hdr, body)(w, r)
			}
			w, err := serve(h, get("/logo.png"), next)
			if err != nil || !bytes.Equal(w.Body.Bytes(), body) {
				t.Errorf("%s (gzip %v): err %v, the image changed", tc.name, coded, err)
			}
		}
	}
}
