package piiapp

import (
	"encoding/json"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/prometheus/client_golang/prometheus/testutil"

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
		{"POST", `{"values": ["` + mobile + `"], "category": "bogus_` + mobile + `"}`}, // a value in the wrong field
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

// TestAdminAPILimits: a body over 1 MiB, more than maxAdminValues values,
// and a call with a body while maxAdminCalls are being served are refused
// before any value is fingerprinted, and change nothing; the refusals say
// which limit, never a value.
func TestAdminAPILimits(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	_, before := adminCall(t, "GET", "/pii/protected", "")
	mobile := synth.CNMobile(r)
	big, _ := json.Marshal(map[string]any{"values": []string{mobile, strings.Repeat("x", maxAdminBody)}})
	many := make([]string, maxAdminValues+1)
	for i := range many {
		many[i] = synth.CNMobile(r)
	}
	tooMany, _ := json.Marshal(map[string]any{"values": many})
	for name, body := range map[string]string{"over 1 MiB": string(big), "too many values": string(tooMany)} {
		for _, m := range []string{"POST", "DELETE"} {
			code, out := adminCall(t, m, "/pii/protected", body)
			if msg, _ := out["error"].(string); code != 400 || strings.Contains(msg, mobile) || strings.Contains(msg, many[0]) {
				t.Errorf("%s %s: %d %q", m, name, code, msg)
			}
		}
	}

	one, _ := json.Marshal(map[string]any{"values": []string{mobile}})
	for range maxAdminCalls { // as many calls as are served at once, under way
		adminCalls <- struct{}{}
	}
	busy := testutil.ToFloat64(metrics().adminBusy)
	for _, c := range []struct{ method, path string }{{"POST", "/pii/protected"}, {"DELETE", "/pii/protected"}, {"POST", "/pii/protected/check"}} {
		if code, out := adminCall(t, c.method, c.path, string(one)); code != 429 {
			t.Errorf("%s %s while busy: %d %v", c.method, c.path, code, out)
		}
	}
	if code, _ := adminCall(t, "GET", "/pii/protected", ""); code != 200 {
		t.Errorf("GET while busy: %d (it has no body: always served)", code)
	}
	if got := testutil.ToFloat64(metrics().adminBusy) - busy; got != 3 {
		t.Errorf("admin_busy_total rose by %v, want 3", got)
	}
	for range maxAdminCalls {
		<-adminCalls
	}
	if _, out := adminCall(t, "GET", "/pii/protected", ""); out["count"] != before["count"] {
		t.Fatalf("after the refused calls: %v, want %v", out, before)
	}
	if code, out := adminCall(t, "POST", "/pii/protected/check", string(one)); code != 200 {
		t.Fatalf("after the calls ended: %d %v", code, out)
	}
	if len(adminCalls) != 0 {
		t.Fatalf("%d tokens still held after the calls ended", len(adminCalls))
	}
}

// TestAdminAPIConcurrentCalls: calls made at once are each served or
// answered 429, never more than maxAdminCalls at a time, and every one
// served is in force when they end.
func TestAdminAPIConcurrentCalls(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 14))
	const calls = 16
	bodies := make([]string, calls)
	values := make([]string, calls)
	for i := range bodies {
		values[i] = synth.CNMobile(r)
		b, _ := json.Marshal(map[string]any{"values": []string{values[i]}})
		bodies[i] = string(b)
	}
	codes := make([]int, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = adminCall(t, "POST", "/pii/protected", bodies[i])
		}()
	}
	wg.Wait()
	served := 0
	for i, code := range codes {
		switch code {
		case 200:
			served++
			check, _ := json.Marshal(map[string]any{"values": []string{values[i]}})
			if _, out := adminCall(t, "POST", "/pii/protected/check", string(check)); out["protected"].([]any)[0] != true {
				t.Errorf("call %d answered 200, its value not protected", i)
			}
			adminCall(t, "DELETE", "/pii/protected", bodies[i])
		case 429:
		default:
			t.Errorf("call %d: status %d", i, code)
		}
	}
	if served == 0 {
		t.Fatal("no call served")
	}
}
