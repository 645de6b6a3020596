package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// gluedNames are header field names holding an identifier glued to a
// letter ("X-U<ID>", "X-Tel<mobile>"), which a reading of the name as
// text leaves to a word and its digits alone find.
var gluedNames = []string{"X-U" + testID, "X-Tel" + testMobile}

// TestGluedFieldNameRequest: a request's field named with an identifier
// glued to a letter is dropped before the upstream (redact), or the
// request refused (reject); a name with ordinary digits reaches the
// upstream.
func TestGluedFieldNameRequest(t *testing.T) {
	for _, name := range gluedNames {
		h, logs := newHandler(t, Handler{})
		var c captured
		r := withVars(httptest.NewRequest("GET", "/", nil))
		r.Header.Set(name, "1")
		r.Header.Set("X-B3-TraceId", "463ac35c9f6413ad")
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		if !c.called {
			t.Fatalf("%s: upstream not called", name)
		}
		for k := range c.header {
			assertNoRaw(t, "upstream field name", k)
		}
		if c.header.Get("X-B3-TraceId") == "" {
			t.Errorf("%s: X-B3-TraceId dropped: %v", name, c.header)
		}
		assertLogsClean(t, logs)

		h, logs = newHandler(t, Handler{Request: "reject"})
		c = captured{}
		r = withVars(httptest.NewRequest("GET", "/", nil))
		r.Header.Set(name, "1")
		w, err := serve(h, r, capture(&c))
		if err != nil && !isRefusal(err) {
			t.Fatal(err)
		}
		if c.called || w.Code != http.StatusForbidden {
			t.Errorf("%s: upstream called %v, status %d: want a 403 refusal", name, c.called, w.Code)
		}
		assertLogsClean(t, logs)
	}
}

// TestGluedFieldNameResponse: a response's field named with an
// identifier glued to a letter is dropped; the others are kept.
func TestGluedFieldNameResponse(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for _, name := range gluedNames {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)),
			respondWith(http.StatusOK, map[string]string{name: "1", "X-B3-SpanId": "a2fb4a1d1a96d312"}, []byte("ok")))
		if err != nil {
			t.Fatal(err)
		}
		for k := range w.Header() {
			assertNoRaw(t, "field name", k)
		}
		if w.Header().Get("X-B3-SpanId") == "" {
			t.Errorf("%s: X-B3-SpanId dropped: %v", name, w.Header())
		}
	}
}
