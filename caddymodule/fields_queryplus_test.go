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
