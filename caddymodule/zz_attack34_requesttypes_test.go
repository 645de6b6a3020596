package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// TestAttack34RequestContentTypeFirstLine: a request with two
// Content-Type lines is read by the type a browser would pick from a
// response's (bodyformat.ContentType: Fetch's "extract a MIME type", the
// last valid value). A request's receiver is a server, and servers take
// the first line: Go's r.Header.Get, so r.ParseForm and r.FormValue
// (reverse_proxy forwards both lines), and most frameworks built on a
// one-value header map. The client sends
//
//	Content-Type: application/x-www-form-urlencoded
//	Content-Type: text/plain
//	tel=138+1234+5678
//
// The filter reads text/plain, where "+" is no separator (a sum, a
// price), so nothing is found and the body goes on. The upstream parses
// a form, where "+" is a space: r.FormValue("tel") is "138 1234 5678",
// a spaced mobile, stored raw. The same body labelled only as a form is
// masked. Expected: a request's several types are read as a server reads
// them (the first), or the body read in each of them.
func TestAttack34RequestContentTypeFirstLine(t *testing.T) {
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
}
