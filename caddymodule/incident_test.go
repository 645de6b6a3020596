package caddymodule

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestIncidentEntry(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	r := httptest.NewRequest("POST", "http://shop.example/users/"+testMobile+"/orders?email="+testEmail, nil)
	r.RemoteAddr = "192.0.2.7:5123"
	r = withVars(r) // Caddy takes the client IP from the connection
	r.Header.Set("X-Request-Id", "req-"+testMobile)
	text := []byte("身份证 " + testID + " 手机 " + testMobile + " 再次 " + testMobile)
	findings := h.engine.Find(text)
	inc := h.newIncident(r, dirRequest, findings)
	inc.Outcome = outRedacted
	h.report(r, inc)

	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(inc.ID) {
		t.Errorf("id %q", inc.ID)
	}
	entries := incidents(logs)
	if len(entries) != 1 || entries[0].Level.String() != "info" || entries[0].Message != "personal information redacted" {
		t.Fatalf("entries %v", logs.All())
	}
	m := entries[0].ContextMap()
	for k, want := range map[string]any{
		"incident": inc.ID, "direction": "request", "action": "redact", "outcome": "redacted",
		"reason": "personal_information", "dossier": false, "findings": int64(3),
		"remote_ip": "192.0.2.7", "host": "shop.example", "method": "POST",
	} {
		if m[k] != want {
			t.Errorf("%s = %v (%T), want %v", k, m[k], m[k], want)
		}
	}
	if p, _ := m["path"].(string); !strings.HasPrefix(p, "/users/") || strings.Contains(p, "?") {
		t.Errorf("path %q", p)
	}
	if id, _ := m["request_id"].(string); !strings.HasPrefix(id, "req-") {
		t.Errorf("request_id %q", id)
	}
	samples, _ := m["samples"].([]any)
	if len(samples) != 2 { // the repeated mobile is one sample
		t.Fatalf("samples %v", m["samples"])
	}
	for _, s := range samples {
		s := s.(map[string]any)
		if s["masked"] == "" || s["fingerprint"] == "" || s["category"] == "" {
			t.Errorf("sample %v", s)
		}
	}
	assertLogsClean(t, logs)

	if caddyhttp.GetVar(r.Context(), "pii_incident") != inc.ID {
		t.Error("vars not set")
	}
}

func TestIncidentRequestIDFromCaddy(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("GET", "/", nil))
	r.Header.Set("X-Request-Id", "from-client")
	repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	uuid, _ := repl.GetString("http.request.uuid") // as an access log or header directive would
	if uuid == "" {
		t.Fatal("no request uuid placeholder")
	}
	if inc := h.newIncident(r, dirResponse, nil); inc.RequestID != uuid {
		t.Errorf("request_id %q, want Caddy's %q", inc.RequestID, uuid)
	}
}

func TestIncidentSamplesBounded(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	var fs []detect.Finding
	for i := range 3 * maxSamples {
		fs = append(fs, detect.Finding{Category: detect.Email, Fingerprint: strings.Repeat("f", i+1)})
	}
	inc := h.newIncident(post("", ""), dirResponse, fs)
	if len(inc.Samples) != maxSamples || inc.total() != 3*maxSamples || inc.Action != actRedact {
		t.Errorf("samples %d, total %d, action %s", len(inc.Samples), inc.total(), inc.Action)
	}
}

func TestScrub(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	long := strings.Repeat("路", 200) // 600 bytes, cut on a rune boundary
	if got := h.scrub(long); len(got) > maxLoggedLen+len("…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("scrub cut %d bytes: %q", len(got), got)
	}
	// an identifier the cut would split is redacted whole first, and no
	// word is left half shown: 17 digits of an ID give the 18th
	for pad := maxLoggedLen - len(testID); pad <= maxLoggedLen; pad++ {
		path := "/p/" + strings.Repeat("a", pad-4) + "/" + testID
		got := h.scrub(path)
		if strings.Contains(got, testID[:8]) || len(got) > maxLoggedLen+len("…") {
			t.Fatalf("pad %d: scrub = %q", pad, got)
		}
	}
	if got := h.scrub("/u/" + testMobile); strings.Contains(got, testMobile) || !strings.HasPrefix(got, "/u/") {
		t.Errorf("scrub = %q", got)
	}
	if h.scrub("") != "" {
		t.Error("scrub of empty")
	}
}

// extraFields returns the string fields the handler added to the access
// log entry of r. caddyhttp.ExtraLogFields keeps them unexported: they are
// read through reflection, which may read (not set) unexported fields.
func extraFields(t *testing.T, r *http.Request) map[string]string {
	t.Helper()
	extra, ok := r.Context().Value(caddyhttp.ExtraLogFieldsCtxKey).(*caddyhttp.ExtraLogFields)
	if !ok {
		t.Fatal("no extra log fields in the request context")
	}
	fields := reflect.ValueOf(extra).Elem().FieldByName("fields")
	out := map[string]string{}
	for i := range fields.Len() {
		f := fields.Index(i)
		out[f.FieldByName("Key").String()] = f.FieldByName("String").String()
	}
	return out
}

// placeholders returns the http.pii.* placeholders of r.
func placeholders(r *http.Request) map[string]string {
	repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	out := map[string]string{}
	for _, k := range []string{"action", "categories", "incident"} {
		out[k], _ = repl.GetString("http.pii." + k)
	}
	return out
}

func TestPublishSummary(t *testing.T) {
	echoWith := func(extra string) caddyhttp.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) error {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				return err
			}
			w.Header().Set("Content-Type", "text/plain")
			_, err = w.Write(append(b, extra...))
			return err
		}
	}
	for _, tc := range []struct {
		name       string
		h          Handler
		body, more string
		action     string
		categories string
		incidents  int
	}{
		{"nothing found", Handler{}, "hello", " world", "", "", 0},
		{"nothing inspected", Handler{Request: "off", Response: "off"}, "手机 " + testMobile, "", "", "", 0},
		{"request only", Handler{}, "手机 " + testMobile, " thanks", "redacted", "cn_mobile", 1},
		{"both directions", Handler{}, "手机 " + testMobile, " 邮箱 " + testEmail, "redacted", "cn_mobile,email", 2},
		{"logged then refused", Handler{Request: "log", Response: "reject"}, "邮箱 " + testEmail, " 身份证 " + testID,
			"refused", "cn_id,email", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, logs := newHandler(t, tc.h)
			r := post(tc.body, "text/plain")
			if _, err := serve(h, r, echoWith(tc.more)); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range incidents(logs) {
				ids = append(ids, e.ContextMap()["incident"].(string))
			}
			if len(ids) != tc.incidents {
				t.Fatalf("incidents %v", ids)
			}
			want := map[string]string{"action": tc.action, "categories": tc.categories, "incident": strings.Join(ids, ",")}
			repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
			for k := range want {
				if _, known := repl.Get("http.pii." + k); !known {
					t.Errorf("{http.pii.%s} is not set: it would stay a literal placeholder", k)
				}
			}
			if got := placeholders(r); !reflect.DeepEqual(got, want) {
				t.Errorf("placeholders %v, want %v", got, want)
			}
			fields := extraFields(t, r)
			if tc.incidents == 0 {
				if len(fields) != 0 {
					t.Errorf("access log fields for a clean exchange: %v", fields)
				}
				return
			}
			for k, v := range want {
				if fields["pii_"+k] != v {
					t.Errorf("access log pii_%s = %q, want %q", k, fields["pii_"+k], v)
				}
			}
		})
	}
}
