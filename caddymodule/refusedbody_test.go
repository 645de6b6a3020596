package caddymodule

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// TestRefusedRequestLeavesNoBody: a request the filter ends before the
// next handler (refused on its target or fields, over max_body, several
// Content-Type values, a broken compression, a body refused once read)
// goes to handle_errors with no body left to read or send upstream, and
// the fields that framed the body are gone (attack pass 40, F1). The
// original body is closed.
func TestRefusedRequestLeavesNoBody(t *testing.T) {
	secret := "身份证 " + testID + " 手机 " + testMobile
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(secret))
	_ = zw.Close()
	broken := append(gz.Bytes()[:10:10], secret...) // a gzip header, then the raw text

	for _, tc := range []struct {
		name string
		h    Handler
		make func() *http.Request
	}{
		{"query under reject", Handler{Request: "reject"}, func() *http.Request {
			return withBody(http.MethodPost, "/x?tel="+testMobile, secret, "application/json")
		}},
		{"body under reject", Handler{Request: "reject"}, func() *http.Request {
			return withBody(http.MethodPost, "/x", secret, "text/plain")
		}},
		{"over max_body", Handler{MaxBody: 64}, func() *http.Request {
			return withBody(http.MethodPost, "/x", secret+strings.Repeat(" ", 128), "text/plain")
		}},
		{"over max_body, unknown length", Handler{MaxBody: 64}, func() *http.Request {
			r := withBody(http.MethodPost, "/x", secret+strings.Repeat(" ", 128), "text/plain")
			r.ContentLength = -1
			r.Header.Del("Content-Length")
			r.TransferEncoding = []string{"chunked"}
			return r
		}},
		{"several Content-Type values", Handler{}, func() *http.Request {
			r := withBody(http.MethodPost, "/x", secret, "application/json")
			r.Header.Add("Content-Type", "text/plain")
			return r
		}},
		{"broken gzip", Handler{}, func() *http.Request {
			r := withBody(http.MethodPost, "/x", string(broken), "text/plain")
			r.Header.Set("Content-Encoding", "gzip")
			return r
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newHandler(t, tc.h)
			r := tc.make()
			orig := &closeTracker{ReadCloser: r.Body}
			r.Body = orig
			srv := &caddyhttp.Server{Errors: &caddyhttp.HTTPErrorConfig{Routes: caddyhttp.RouteList{{}}}}
			r = r.WithContext(context.WithValue(r.Context(), caddyhttp.ServerCtxKey, srv))
			var c captured
			_, err := serve(h, r, capture(&c))
			if _, ok := errors.AsType[caddyhttp.HandlerError](err); !ok || c.called {
				t.Fatalf("err %v, next ran %v: not refused", err, c.called)
			}
			rest, rerr := io.ReadAll(r.Body)
			if rerr != nil || len(rest) != 0 || r.Body != http.NoBody {
				t.Errorf("body left for handle_errors: %q (err %v)", rest, rerr)
			}
			if !orig.closed {
				t.Error("the original body was not closed")
			}
			if r.ContentLength != 0 || r.TransferEncoding != nil || r.GetBody != nil ||
				r.Header.Get("Content-Length") != "" || r.Header.Get("Content-Encoding") != "" {
				t.Errorf("framing left: length %d, TE %v, header %v", r.ContentLength, r.TransferEncoding, r.Header)
			}
		})
	}
}

// withBody is a request with a body of the given type, its length
// declared, in the context Caddy's server gives it.
func withBody(method, target, body, ct string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return withVars(r)
}

// closeTracker records whether a body was closed.
type closeTracker struct {
	io.ReadCloser
	closed bool
}

// Close records the close and closes the body.
func (c *closeTracker) Close() error {
	c.closed = true
	return c.ReadCloser.Close()
}
