package integration

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Attack pass 40: black-box findings against a real Caddy. Every subtest
// here FAILS ON PURPOSE until the finding it names is fixed.

// attack40ErrorSite refuses requests (pii_filter and the pii matcher) and
// has a catch-all handle_errors that proxies to the application, the way
// a site lets its application render error pages.
const attack40ErrorSite = `
	handle /reject/* {
		pii_filter {
			request reject
		}
		reverse_proxy {$UP}
	}
	handle /small/* {
		pii_filter {
			max_body 1KiB
		}
		reverse_proxy {$UP}
	}
	handle /redact/* {
		pii_filter
		reverse_proxy {$UP}
	}
	handle_errors {
		reverse_proxy {$UP}
	}
`

// TestAttack40RefusedBodyReachesErrorRoute: a request pii_filter refuses
// without reading its body to the end (a refusal decided on the target or
// header fields, a body over max_body, several Content-Type values, a
// broken compression) goes to handle_errors with its body still unread
// behind r.Body, so an error route that proxies sends the raw body to the
// upstream. The client chooses the refusal (a mobile in the query, padding
// past max_body, a second Content-Type), so it chooses to have any body
// delivered uninspected.
func TestAttack40RefusedBodyReachesErrorRoute(t *testing.T) {
	c := newCapture()
	t.Setenv("UP", upstream(t, c.handler()))
	s := startCaddy(t, attack40ErrorSite)
	secret := fmt.Sprintf(`{"note":"身份证 %s 手机 %s"}`, bob.ID, bob.Mobile)

	check := func(t *testing.T, resp *http.Response) {
		t.Helper()
		got := c.next(t)
		assertNoRaw(t, "body the error route proxied upstream", got.body, bob.ID, bob.Mobile)
		if resp.Header.Get("X-Pii-Incident") == "" {
			t.Errorf("no incident header: the filter did not refuse (status %d)", resp.StatusCode)
		}
	}
	t.Run("refused on the query under reject", func(t *testing.T) {
		resp, _ := s.post(t, "/reject/x?tel="+alice.Mobile, "application/json", []byte(secret))
		check(t, resp)
	})
	t.Run("refused on a header field (dossier in headers)", func(t *testing.T) {
		resp, _ := s.post(t, "/redact/x", "application/json", []byte(secret),
			"X-Name", alice.Name, "X-Id", alice.ID, "X-Mobile", alice.Mobile)
		check(t, resp)
	})
	t.Run("over max_body", func(t *testing.T) {
		body := []byte(secret + strings.Repeat(" ", 2048))
		resp, _ := s.post(t, "/small/x", "application/json", body)
		check(t, resp)
	})
	t.Run("several Content-Type values", func(t *testing.T) {
		req := newRequest(t, http.MethodPost, "/redact/x", []byte(secret))
		req.Header["Content-Type"] = []string{"application/json", "text/plain"}
		resp, _ := s.do(t, req)
		check(t, resp)
	})
	t.Run("broken gzip", func(t *testing.T) {
		body := append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, secret...)
		resp, _ := s.post(t, "/redact/x", "text/plain", body, "Content-Encoding", "gzip")
		check(t, resp)
	})
}
