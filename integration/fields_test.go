package integration

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestHeaderFieldsFiltered: through a real Caddy, over HTTP/1.1 and h2c,
// personal data in the request target and fields does not reach the
// upstream, and personal data in the upstream's response fields does not
// reach the client; clean fields pass as they came.
func TestHeaderFieldsFiltered(t *testing.T) {
	seen := make(chan string, 4)
	t.Setenv("UP", upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.RequestURI + "\n" + r.Header.Get("X-Phone") + "\n" + r.Header.Get("Referer")
		w.Header().Set("Location", "/u?id="+alice.ID+"&tab=1")
		w.Header().Set("Set-Cookie", "uid="+alice.ID+"; Path=/")
		w.Header().Set("X-Mobile", alice.Mobile)
		w.Header().Set("Content-Disposition", `attachment; filename="`+alice.Mobile+`.txt"`)
		w.Header().Set("X-Clean", "build 20251101")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "ok")
	})))
	startCaddy(t, "pii_filter\nreverse_proxy {$UP}")
	for name, client := range map[string]*http.Client{"HTTP/1.1": newClient(), "h2c": h2cClient(t)} {
		req := newRequest(t, http.MethodGet, "/u/"+alice.Mobile+"?id="+alice.ID+"&page=2", nil,
			"X-Phone", alice.Mobile, "Referer", "http://shop.example/?q="+alice.ID)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		up := <-seen
		assertNoRaw(t, name+": what the upstream saw", []byte(up), alice.ID, alice.Mobile)
		if !strings.HasPrefix(up, "/u/") || !strings.Contains(up, "&page=2") {
			t.Errorf("%s: the upstream saw %q, want the target's structure kept", name, up)
		}
		var fields strings.Builder
		for k, vs := range resp.Header {
			fields.WriteString(k + ": " + strings.Join(vs, ", ") + "\n")
		}
		assertNoRaw(t, name+": response fields", []byte(fields.String()), alice.ID, alice.Mobile)
		if resp.StatusCode != http.StatusOK || string(body) != "ok" || resp.Header.Get("X-Clean") != "build 20251101" {
			t.Errorf("%s: %d %q X-Clean %q, want the upstream's answer with clean fields untouched", name, resp.StatusCode, body, resp.Header.Get("X-Clean"))
		}
	}
}
