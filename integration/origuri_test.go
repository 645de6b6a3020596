package integration

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestOriginalURIRedacted: after pii_filter masks a request target, the
// copy Caddy keeps of the original request ({http.request.orig_uri},
// what php_fastcgi sends as REQUEST_URI) holds the masked target too: a
// header_up built from it reaches the upstream without the raw mobile.
func TestOriginalURIRedacted(t *testing.T) {
	var mu sync.Mutex
	var seenURI, seenOrig string
	mux := http.NewServeMux()
	mux.HandleFunc("/q", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seenURI, seenOrig = r.RequestURI, r.Header.Get("X-Orig")
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	t.Setenv("UP", upstream(t, mux))
	s := startCaddy(t, `
	route {
		pii_filter
		reverse_proxy {$UP} {
			header_up X-Orig {http.request.orig_uri}
		}
	}
`)
	resp, _ := s.get(t, "/q?tel="+alice.Mobile)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mu.Lock()
	defer mu.Unlock()
	if seenOrig == "" || !strings.HasPrefix(seenOrig, "/q?tel=") {
		t.Fatalf("the upstream got X-Orig %q, want the original target", seenOrig)
	}
	for what, v := range map[string]string{"request target": seenURI, "orig_uri": seenOrig} {
		if strings.Contains(v, alice.Mobile) {
			t.Errorf("the upstream got the raw mobile in the %s", what)
		}
	}
}
