package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestProxyHeaderPlaceholdersMasked: {http.reverse_proxy.header.*}, which
// reverse_proxy fills from the upstream's fields as they came, holds the
// fields as the filter left them once it masked them: a deferred header
// op or log_append expanding it sends no raw value (attack pass 40, F4).
// A field the filter dropped (its name held an identifier) is gone from
// the placeholders too; a clean field keeps its value.
func TestProxyHeaderPlaceholdersMasked(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest(http.MethodGet, "/x", nil))
	repl := replacerOf(r)
	upstream := func(w http.ResponseWriter, _ *http.Request) error {
		// what reverse_proxy does once the upstream answered
		repl.Set(proxyStatus, 200)
		repl.Set(proxyHeaderPrefix+"X-Owner-Phone", testMobile)
		repl.Set(proxyHeaderPrefix+"X-Id-"+testID, "1")
		repl.Set(proxyHeaderPrefix+"X-Plain", "hello")
		w.Header().Set("X-Owner-Phone", testMobile)
		w.Header().Set("X-Id-"+testID, "1")
		w.Header().Set("X-Plain", "hello")
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusOK)
		_, err := w.Write([]byte("ok"))
		return err
	}
	w, err := serve(h, r, upstream)
	if err != nil {
		t.Fatal(err)
	}
	owner, ok := repl.GetString(proxyHeaderPrefix + "X-Owner-Phone")
	if !ok || owner != w.Header().Get("X-Owner-Phone") || strings.Contains(owner, testMobile) {
		t.Errorf("placeholder %q (known %v), field %q", owner, ok, w.Header().Get("X-Owner-Phone"))
	}
	if v, ok := repl.GetString(proxyHeaderPrefix + "X-Id-" + testID); ok {
		t.Errorf("placeholder of a dropped field kept: %q", v)
	}
	if v, _ := repl.GetString(proxyHeaderPrefix + "X-Plain"); v != "hello" {
		t.Errorf("clean field's placeholder %q", v)
	}
}

// TestProxyHeaderPlaceholdersNotProxied: a response that did not come
// through reverse_proxy gets no {http.reverse_proxy.header.*} from the
// filter.
func TestProxyHeaderPlaceholdersNotProxied(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest(http.MethodGet, "/x", nil))
	_, err := serve(h, r, respondWith(http.StatusOK, map[string]string{"X-Owner-Phone": testMobile, "Content-Type": "text/plain"}, []byte("ok")))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := replacerOf(r).GetString(proxyHeaderPrefix + "X-Owner-Phone"); ok {
		t.Errorf("placeholder set for a response that was not proxied: %q", v)
	}
}

// TestRegexpCapturesDropped: the captures a path_regexp or header_regexp
// matcher took from the target or a field the filter masked are removed,
// so a header_up expanding {re.name.N} after the filter sends nothing raw
// (attack pass 40, F5); a request with nothing in its target and fields
// keeps them, and so does one under log, whose fields go on as they came.
func TestRegexpCapturesDropped(t *testing.T) {
	for _, tc := range []struct {
		name   string
		h      Handler
		target string
		kept   bool
	}{
		{"masked target", Handler{}, "/u/" + testMobile, false},
		{"clean target", Handler{}, "/u/12", true},
		{"log", Handler{Request: "log"}, "/u/" + testMobile, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newHandler(t, tc.h)
			r := withVars(httptest.NewRequest(http.MethodGet, tc.target, nil))
			repl := replacerOf(r)
			got := strings.TrimPrefix(tc.target, "/u/")
			// what path_regexp user ^/u/(\d+)$ leaves
			repl.Set(regexpPrefix+"user.1", got)
			repl.Set(regexpPrefix+"1", got)
			var c captured
			if _, err := serve(h, r, capture(&c)); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{regexpPrefix + "user.1", regexpPrefix + "1"} {
				v, ok := repl.GetString(k)
				if ok != tc.kept || ok && v != got {
					t.Errorf("%s: %q (known %v), want kept %v", k, v, ok, tc.kept)
				}
			}
		})
	}
}
