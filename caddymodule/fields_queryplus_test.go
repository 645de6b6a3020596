package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFieldsQueryPlusShapes (attack pass 29, F4): a response field
// holding a URI whose '+'-spaced mobile a receiver decodes (a page
// script's URLSearchParams of location.hash; a quoted query value, which
// a browser sends as %27…%27 and a server decodes to '138 1234 5678'; an
// ASP.NET-style cookie of sub-keys, read with form decoding) must not go
// on with the digit groups intact.
func TestFieldsQueryPlusShapes(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	m := fa28Mobile()
	plus := fa28Plus(m)
	for _, row := range []struct{ field, value string }{
		{"Location", "/s?q=" + plus}, // baseline (defended in pass 28)
		{"Location", "/app#tel=" + plus},
		{"Location", "/app#/s?q=" + plus},
		{"Location", "/s?q='" + plus + "'"},
		{"Location", "/s?q=\"" + plus + "\""},
		{"Refresh", "0; url='/s?q=" + plus + "'"},
		{"Set-Cookie", "u=a=1&tel=" + plus + "; Path=/"},
		{"X-Next", "a=1&tel=" + plus},
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusFound, map[string]string{row.field: row.value}, []byte("ok")))
		if err != nil {
			continue // refused
		}
		for _, got := range w.Header().Values(row.field) {
			if strings.Contains(got, m[3:7]) && strings.Contains(got, m[7:]) {
				t.Errorf("LEAK %s: %q went out as %q", row.field, row.value, got)
			}
		}
	}
}

// TestFieldsPlusCookieValueAndURLTab (attack pass 31, F8, F10): PHP's
// $_COOKIE and jquery.cookie decode a cookie's value as a form's ('+' a
// space), so Set-Cookie: tel=138+1234+5678, or u=… or a value with no
// name, reaches them as "138 1234 5678" though it holds no '&'; a
// Location holding a tab or line break in its query is requested without
// it (the URL parser takes them out), and the server reads the '+' as
// spaces. The number is masked; the cookie's name and attributes, and the
// Location's path, are kept.
func TestFieldsPlusCookieValueAndURLTab(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	m := fa28Mobile()
	plus := fa28Plus(m)
	for _, row := range []struct{ field, value, keep string }{
		{"Set-Cookie", "tel=" + plus + "; Path=/", "tel="},
		{"Set-Cookie", "u=" + plus + "; Path=/; HttpOnly", "u="},
		{"Set-Cookie", plus + "; Path=/", "; Path=/"},
		{"Set-Cookie", "u=%22" + plus + "%22; Path=/", "u=%22"},
		{"Location", "/s?q=" + m[:3] + "+\t" + m[3:7] + "+\t" + m[7:], "/s?q="},
		{"Location", "/s?a=%41&q=" + m[:3] + "+\t" + m[3:7] + "+\t" + m[7:], "/s?a=%41&q="},
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusFound, map[string]string{row.field: row.value}, []byte("ok")))
		if err != nil {
			t.Errorf("%s %q: refused: %v", row.field, row.value, err)
			continue
		}
		got := w.Header().Values(row.field)
		if len(got) != 1 {
			t.Errorf("%s %q: went out as %q", row.field, row.value, got)
			continue
		}
		if strings.Contains(got[0], m[3:7]) || !strings.Contains(got[0], row.keep) {
			t.Errorf("LEAK or mangled %s: %q went out as %q", row.field, row.value, got[0])
		}
	}
	// a session token with '+' (base64), and a value that is no number,
	// go on as they are
	for _, v := range []string{"sid=dGVzdA+k9f/Zq+w1==; Path=/", "lang=C++; Path=/", "q=1+1; Path=/"} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"Set-Cookie": v}, []byte("ok")))
		if err != nil || w.Header().Get("Set-Cookie") != v {
			t.Errorf("clean Set-Cookie %q went out as %q (%v)", v, w.Header().Get("Set-Cookie"), err)
		}
	}
}
