package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// TestRequestContentTypeFirstLine (attack pass 34, F9): a request with
// two Content-Type lines has no one type its receiver reads it by: the
// filter's (bodyformat.ContentType) is the last valid value, as a browser
// reads a response's, but a server takes the first (Go's r.Header.Get, so
// r.ParseForm and r.FormValue; reverse_proxy forwards both lines). The
// client sends
//
//	Content-Type: application/x-www-form-urlencoded
//	Content-Type: text/plain
//	tel=138+1234+5678
//
// Read as text/plain the "+" is no separator and nothing is found; the
// upstream parses a form, where "+" is a space, and stores a spaced
// mobile. Such a request is refused as uninspectable (on_error reject:
// 400) and never reaches the upstream.
func TestRequestContentTypeFirstLine(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	spaced := testMobile[:3] + "+" + testMobile[3:7] + "+" + testMobile[7:]
	var got string
	next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if err := r.ParseForm(); err != nil {
			return err
		}
		got = r.PostForm.Get("tel")
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	r := withVars(httptest.NewRequest("POST", "/profile", strings.NewReader("tel="+spaced)))
	r.Header["Content-Type"] = []string{"application/x-www-form-urlencoded", "text/plain"}
	w, err := serve(h, r, next)
	if err != nil {
		t.Fatal(err)
	}
	if w.Code < 400 && strings.ReplaceAll(got, " ", "") == testMobile {
		t.Errorf("the upstream's form value tel is the raw mobile %q", got)
	}
	if w.Code != http.StatusBadRequest || got != "" {
		t.Errorf("status %d, upstream's tel %q; want 400, not forwarded", w.Code, got)
	}
}
