package piiapp

import (
	"encoding/json"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// adminCall calls an endpoint of the module on the default app and
// returns the status and the decoded answer.
func adminCall(t *testing.T, method, path, body string) (int, map[string]any) {
	t.Helper()
	var h caddy.AdminHandler
	for _, r := range (adminAPI{}).Routes() {
		if r.Pattern == path {
			h = r.Handler
		}
	}
	w := httptest.NewRecorder()
	err := h.ServeHTTP(w, httptest.NewRequest(method, path, strings.NewReader(body)))
	if err != nil {
		if ae, ok := err.(caddy.APIError); ok {
			return ae.HTTPStatus, map[string]any{"error": ae.Err.Error()}
		}
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("answer %q: %v", w.Body.String(), err)
	}
	return w.Code, out
}

// TestAdminAPI protects, checks, counts and removes values through the
// endpoints, and checks that errors never quote a value.
func TestAdminAPI(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	mobile, id, email := synth.CNMobile(r), synth.CNID18(r), synth.Email(r)
	_, before := adminCall(t, "GET", "/pii/protected", "")
	base := before["count"].(float64)

	body, _ := json.Marshal(map[string]any{"values": []string{synth.FullWidthAll(mobile), id, email}})
	if code, out := adminCall(t, "POST", "/pii/protected", string(body)); code != 200 || out["added"] != 3.0 {
		t.Fatalf("POST: %d %v", code, out)
	}
	if code, out := adminCall(t, "POST", "/pii/protected", string(body)); code != 200 || out["added"] != 0.0 {
		t.Fatalf("POST again: %d %v", code, out)
	}
	if _, out := adminCall(t, "GET", "/pii/protected", ""); out["count"] != base+3 {
		t.Fatalf("GET: %v", out)
	}
	check, _ := json.Marshal(map[string]any{"values": []string{synth.SeparatorEvery(mobile, " "), synth.CNMobile(r)}})
	if _, out := adminCall(t, "POST", "/pii/protected/check", string(check)); out["protected"].([]any)[0] != true || out["protected"].([]any)[1] != false {
		t.Fatalf("check: %v", out)
	}
	if code, out := adminCall(t, "DELETE", "/pii/protected", string(body)); code != 200 || out["removed"] != 3.0 {
		t.Fatalf("DELETE: %d %v", code, out)
	}

	secret := "not an identifier " + mobile[:5]
	bad, _ := json.Marshal(map[string]any{"values": []string{mobile, secret}})
	for _, tc := range []struct{ method, body string }{
		{"POST", string(bad)},
		{"POST", `{"values": []}`},
		{"POST", `{"values": ["` + mobile + `"], "category": "colour"}`},
		{"POST", `{"values": "` + mobile + `"`},
		{"PUT", string(bad)},
	} {
		code, out := adminCall(t, tc.method, "/pii/protected", tc.body)
		if code < 400 || code >= 500 {
			t.Errorf("%s %s: status %d", tc.method, tc.body, code)
		}
		if msg, _ := out["error"].(string); strings.Contains(msg, mobile) || strings.Contains(msg, secret) {
			t.Errorf("error quotes a value: %s", msg)
		}
	}
	if _, out := adminCall(t, "GET", "/pii/protected", ""); out["count"] != base {
		t.Fatalf("after the failed calls: %v, want %v", out, base)
	}
}
