package caddymodule

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFieldsPlusKeptCountryCode (fix32): a Referer or a Location whose
// query holds a landline or mobile with its +86 country code
// ("?phone=+86-371-…", read by a form parser as " 86-371-…", which holds
// no phone) does not reach the upstream or the client with its digits:
// a log's reader, or a client reading the URL raw, sees the number. It
// is masked in place, as its %2B86 spelling is, not only by the whole
// value's stars the joined screen's finding leaves when the value's own
// reading finds nothing.
func TestFieldsPlusKeptCountryCode(t *testing.T) {
	r0 := rand.New(rand.NewPCG(32, 3))
	land := synth.CNLandlineIntl(r0)
	m := synth.CNMobile(r0)
	for _, n := range []struct{ query, secret string }{
		{land, land[strings.LastIndexByte(land, '-')+1:]},
		{"+86+" + m, m[3:]},
		{"+86" + m, m[3:]},
	} {
		h, _ := newHandler(t, Handler{})
		var hdr http.Header
		next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			hdr = r.Header.Clone()
			w.WriteHeader(http.StatusNoContent)
			return nil
		})
		r := withVars(httptest.NewRequest("GET", "/", nil))
		r.Header.Set("Referer", "https://shop.example/find?phone="+n.query)
		if _, err := serve(h, r, next); err == nil {
			if hdr == nil {
				t.Fatal("the request did not reach the upstream")
			}
			got := hdr.Get("Referer")
			if v := strings.TrimPrefix(got, "https://shop.example/find?phone="); strings.Contains(got, n.secret) || v == got || strings.Trim(v, "*") == "" {
				t.Errorf("LEAK Referer %q reached the upstream as %q", n.query, got)
			}
		}
		loc := "/find?phone=" + n.query
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusFound, map[string]string{"Location": loc}, []byte("ok")))
		if err != nil {
			continue // refused
		}
		for _, got := range w.Header().Values("Location") {
			v := strings.TrimPrefix(got, "/find?phone=")
			if strings.Contains(got, n.secret) || v == got || strings.Trim(v, "*") == "" {
				t.Errorf("Location %q went out as %q", loc, got)
			}
		}
	}
}
