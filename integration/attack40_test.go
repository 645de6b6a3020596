package integration

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
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

// TestAttack40MatcherErrorReachesErrorRoute: the pii matcher's error on a
// body it cannot read (over its max_body) goes to handle_errors, and the
// body it puts back byte for byte is proxied upstream raw by a catch-all
// error route: the route the operator wrote to keep data away is skipped.
func TestAttack40MatcherErrorReachesErrorRoute(t *testing.T) {
	c := newCapture()
	t.Setenv("UP", upstream(t, c.handler()))
	s := startCaddy(t, `
	@pii pii {
		max_body 1024
	}
	handle @pii {
		respond "refused" 403
	}
	handle {
		respond "accepted" 200
	}
	handle_errors {
		reverse_proxy {$UP}
	}
`)
	body := []byte(fmt.Sprintf(`{"note":"身份证 %s 手机 %s"}`, bob.ID, bob.Mobile) + strings.Repeat(" ", 2048))
	t.Run("over the matcher's max_body", func(t *testing.T) {
		s.post(t, "/x", "application/json", body)
		got := c.next(t)
		assertNoRaw(t, "body the error route proxied upstream", got.body, bob.ID, bob.Mobile)
	})
}

// TestAttack40ReverseProxyHeaderPlaceholders: reverse_proxy publishes the
// upstream's response header fields as {http.reverse_proxy.header.*} as
// they came. pii_filter masks the fields themselves, but not those
// placeholders, so a deferred header op (outside pii_filter in the
// directive order) copies an upstream field raw into the response the
// client gets, and log_append writes it raw into the access log.
func TestAttack40ReverseProxyHeaderPlaceholders(t *testing.T) {
	t.Setenv("UP", upstream(t, fixed(http.StatusOK, []byte("ok"),
		"Content-Type", "text/plain; charset=utf-8", "X-Owner-Phone", alice.Mobile)))
	accessLog := filepath.Join(t.TempDir(), "access.log")
	t.Setenv("ACC_LOG", accessLog)
	startCaddy(t, `
	log {
		output file {$ACC_LOG}
		format json
	}
	header >X-Owner {http.reverse_proxy.header.X-Owner-Phone}
	log_append owner {http.reverse_proxy.header.X-Owner-Phone}
	pii_filter
	reverse_proxy {$UP}
`)
	// one connection: the second request is read once the first has
	// been handled entirely, its access log entry written
	c := mfClient(t)
	_, _, hdr := mfSend(t, c, http.MethodGet, "/x", "", nil)
	mfSend(t, c, http.MethodGet, "/y", "", nil)
	t.Run("the field itself is masked", func(t *testing.T) {
		assertNoRaw(t, "X-Owner-Phone", []byte(hdr.Get("X-Owner-Phone")), alice.Mobile)
	})
	t.Run("a deferred header op copies it raw", func(t *testing.T) {
		assertNoRaw(t, "X-Owner", []byte(hdr.Get("X-Owner")), alice.Mobile)
	})
	t.Run("log_append writes it raw", func(t *testing.T) {
		data, err := os.ReadFile(accessLog)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(`"owner"`)) {
			t.Fatalf("access log has no owner field:\n%s", clip(data))
		}
		assertNoRaw(t, "access log", data, alice.Mobile)
	})
}

// TestAttack40RegexpCapturesRaw: a path_regexp or header_regexp matcher
// stores its captures ({re.name.N}, {http.regexp.name.N}) when it matches,
// before pii_filter runs, and reverse_proxy's header_up fields are set
// after pii_filter read the request's fields, so a capture copied into an
// upstream field reaches the upstream raw while the path and the field it
// came from are masked.
func TestAttack40RegexpCapturesRaw(t *testing.T) {
	c := newCapture()
	t.Setenv("UP", upstream(t, c.handler()))
	s := startCaddy(t, `
	@user path_regexp user ^/u/(\d+)$
	handle @user {
		pii_filter
		reverse_proxy {$UP} {
			header_up X-User-Id {re.user.1}
		}
	}
	@tel header_regexp tel X-Tel ^(\d+)$
	handle @tel {
		pii_filter
		reverse_proxy {$UP} {
			header_up X-Contact "tel {re.tel.1}"
		}
	}
`)
	t.Run("path_regexp capture in header_up", func(t *testing.T) {
		s.post(t, "/u/"+alice.Mobile, "text/plain", []byte("hi"))
		got := c.next(t)
		assertNoRaw(t, "X-User-Id the upstream got", []byte(got.header.Get("X-User-Id")), alice.Mobile)
	})
	t.Run("header_regexp capture in header_up", func(t *testing.T) {
		s.post(t, "/x", "text/plain", []byte("hi"), "X-Tel", alice.Mobile)
		got := c.next(t)
		assertNoRaw(t, "X-Tel the upstream got", []byte(got.header.Get("X-Tel")), alice.Mobile)
		assertNoRaw(t, "X-Contact the upstream got", []byte(got.header.Get("X-Contact")), alice.Mobile)
	})
}
