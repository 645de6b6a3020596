package integration

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestForwardAuthInsideRoute: the order the README gives for a site with
// forward_auth (route { encode; pii_filter; forward_auth; reverse_proxy })
// puts the filter before the auth request and inside encode: the auth
// service gets the masked target and fields, its denial's body is read (a
// dossier in it refused).
func TestForwardAuthInsideRoute(t *testing.T) {
	c := newCapture()
	authSeen := make(chan http.Header, 4)
	auth := upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Clone()
		h.Set("X-Auth-Target", r.URL.RequestURI())
		authSeen <- h
		if r.Header.Get("X-Deny") != "" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, "account %s holder %s mobile %s is locked", bob.ID, bob.Name, bob.Mobile)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Setenv("AUTH", auth)
	t.Setenv("UP", upstream(t, c.handler()))
	s := startCaddy(t, `
	route {
		encode gzip
		pii_filter
		forward_auth {$AUTH} {
			uri /verify
		}
		reverse_proxy {$UP}
	}
`)
	t.Run("target and fields reach the auth service masked", func(t *testing.T) {
		s.get(t, "/u?tel="+alice.Mobile, "X-Contact", alice.Mobile)
		h := <-authSeen
		var all bytes.Buffer
		for k, v := range h {
			fmt.Fprintf(&all, "%s: %s\n", k, strings.Join(v, ","))
		}
		assertNoRaw(t, "request the auth service received", all.Bytes(), alice.Mobile)
		if !strings.HasPrefix(h.Get("X-Auth-Target"), "/verify") {
			t.Errorf("auth target %q", h.Get("X-Auth-Target"))
		}
		got := c.next(t)
		assertNoRaw(t, "upstream headers", []byte(fmt.Sprint(got.header)), alice.Mobile)
	})
	t.Run("the auth service's denial body is read", func(t *testing.T) {
		resp, body := s.get(t, "/u", "X-Deny", "1")
		<-authSeen
		// a dossier (ID, name, mobile): refused rather than masked
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("X-Pii-Incident") == "" {
			t.Errorf("status %d, incident %q: the filter did not read the denial", resp.StatusCode, resp.Header.Get("X-Pii-Incident"))
		}
		assertNoRaw(t, "denial body the client got", body, bob.ID, bob.Mobile)
	})
}
