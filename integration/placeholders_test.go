package integration

import (
	"fmt"
	"net/http"
	"testing"
)

// TestPlaceholdersAlwaysSet: {http.pii.action}, {http.pii.categories} and
// {http.pii.incident} are empty on a clean exchange, never the literal
// placeholder, and carry the summary of the incidents otherwise, as the
// README's deferred header example uses them; an expression after
// pii_filter compares the request's summary with "".
func TestPlaceholdersAlwaysSet(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/p/clean", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "nothing personal here")
	})
	mux.HandleFunc("/p/mobile", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "手机：%s\n", alice.Mobile)
	})
	t.Setenv("UP", upstream(t, mux))
	s := startCaddy(t, `
	route /p/* {
		header >X-PII-Action "{http.pii.action}"
		header >X-PII-Categories "{http.pii.categories}"
		header >X-PII-Incidents "{http.pii.incident}"
		pii_filter
		@cleanRequest expression {http.pii.action} == ""
		header @cleanRequest X-Clean-Request yes
		reverse_proxy {$UP}
	}
`)
	for _, tc := range []struct {
		path, action, categories string
		incident                 bool
	}{
		{"/p/clean", "", "", false},
		{"/p/mobile", "redacted", "cn_mobile", true},
	} {
		resp, _ := s.get(t, tc.path)
		h := resp.Header
		if _, ok := h["X-Pii-Action"]; !ok {
			t.Errorf("%s: no X-PII-Action header", tc.path)
		}
		if got := h.Get("X-PII-Action"); got != tc.action {
			t.Errorf("%s: action %q, want %q", tc.path, got, tc.action)
		}
		if got := h.Get("X-PII-Categories"); got != tc.categories {
			t.Errorf("%s: categories %q, want %q", tc.path, got, tc.categories)
		}
		if h.Get("X-Clean-Request") != "yes" {
			t.Errorf("%s: a request without personal data did not match {http.pii.action} == \"\"", tc.path)
		}
		if got := h.Get("X-PII-Incidents"); (got != "") != tc.incident {
			t.Errorf("%s: incident %q", tc.path, got)
		}
	}
}
