package caddymodule

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestModuleInfo(t *testing.T) {
	info := Handler{}.CaddyModule()
	if info.ID != "http.handlers.pii_filter" {
		t.Errorf("ID = %q", info.ID)
	}
	if _, ok := info.New().(*Handler); !ok {
		t.Errorf("New returns %T", info.New())
	}
	if _, err := caddy.GetModule("http.handlers.pii_filter"); err != nil {
		t.Errorf("not registered: %v", err)
	}
}

func TestDefaults(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	want := settings{
		request: actRedact, response: actRedact, dossier: 3,
		detect: []detect.Category{}, ignore: []detect.Category{},
		mask: detect.MaskPartial, maxBody: 8 << 20, workBudget: 16 * 8 << 20,
		oversize: failReject, onError: failReject, status: 403, websocket: wsInspect, headers: fieldsInspect,
		cache: cacheSettings{entries: 10000, ttl: 5 * time.Minute, bytes: 64 << 20},
	}
	if !reflect.DeepEqual(h.cfg, want) {
		t.Errorf("settings = %+v\nwant       %+v", h.cfg, want)
	}
	if h.engine.Enabled() != detect.NewCategorySet(detect.AllCategories...) {
		t.Errorf("enabled = %v", h.engine.Enabled().Categories())
	}
}

func TestDossierZeroTurnsRuleOff(t *testing.T) {
	h, _ := newHandler(t, Handler{Dossier: intp(0)})
	if h.cfg.dossier != 0 {
		t.Fatalf("dossier = %d", h.cfg.dossier)
	}
	s := detect.Summarize([]detect.Finding{{Category: detect.CNID}, {Category: detect.CNMobile}, {Category: detect.Email}})
	if h.isDossier(s) {
		t.Error("dossier 0 still refuses")
	}
}

func TestValidateRejectsBadJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    Handler
		want string
	}{
		{"request", Handler{Request: "drop"}, `request: unknown action "drop"`},
		{"response", Handler{Response: "Redact"}, `response: unknown action "Redact"`},
		{"dossier", Handler{Dossier: intp(-1)}, "dossier: -1 is negative"},
		{"detect", Handler{Detect: []detect.Category{"cn_idd"}}, `detect: unknown category "cn_idd"`},
		{"ignore", Handler{Ignore: []detect.Category{"phone", "fax"}}, `ignore: unknown category "fax"`},
		{"mask", Handler{Mask: "blur"}, `mask: unknown mask style "blur"`},
		{"types", Handler{Types: []string{"json"}}, `types: "json" is not a media type`},
		{"types pattern", Handler{Types: []string{"text/["}}, `types: "text/["`},
		{"max_body", Handler{MaxBody: -1}, "max_body: -1 is negative"},
		{"oversize", Handler{Oversize: "truncate"}, `oversize: unknown policy "truncate"`},
		{"on_error", Handler{OnError: "ignore"}, `on_error: unknown policy "ignore"`},
		{"websocket", Handler{WebSocket: "off"}, `websocket: unknown websocket mode "off"`},
		{"status low", Handler{Status: 200}, "status: 200 is not a 4xx or 5xx"},
		{"status high", Handler{Status: 600}, "status: 600 is not a 4xx or 5xx"},
		{"cache entries", Handler{Cache: &CacheConfig{Entries: -1}}, "cache: entries: -1 is negative"},
		{"cache ttl", Handler{Cache: &CacheConfig{TTL: -1}}, "cache: ttl: -1ns is negative"},
		{"cache bytes", Handler{Cache: &CacheConfig{Bytes: -1}}, "cache: bytes: -1 is negative"},
		{"cache off and sized", Handler{Cache: &CacheConfig{Off: true, Entries: 5}}, "cache: off together with a size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.h.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "pii_filter: ") {
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
			}
			ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
			defer cancel()
			if err := tc.h.Provision(ctx); err == nil {
				t.Error("Provision accepted it")
			}
		})
	}
}

func TestValidateAcceptsGoodJSON(t *testing.T) {
	h := Handler{
		Request: "reject", Response: "log", Dossier: intp(2),
		Detect: []detect.Category{"CN_ID", "email"}, Ignore: []detect.Category{"email"},
		Mask: "hash", Types: []string{"Text/*", "application/*+json"}, MaxBody: 1024,
		Oversize: "pass", OnError: "pass", Status: 422,
	}
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	provision(t, &h)
	if !reflect.DeepEqual(h.cfg.types, []string{"text/*", "application/*+json"}) {
		t.Errorf("types = %q", h.cfg.types)
	}
	if h.engine.Enabled() != detect.NewCategorySet(detect.CNID) {
		t.Errorf("enabled = %v", h.engine.Enabled().Categories())
	}
	if h.cfg.status != 422 || h.cfg.maxBody != 1024 || h.cfg.dossier != 2 || h.engine.MaskStyle() != detect.MaskHash {
		t.Errorf("settings = %+v", h.cfg)
	}
}

func TestProvisionNothingToDetect(t *testing.T) {
	h := Handler{Detect: []detect.Category{"email"}, Ignore: []detect.Category{"email"}}
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	defer cancel()
	if err := h.Provision(ctx); err == nil || !strings.Contains(err.Error(), "no category") {
		t.Errorf("Provision = %v", err)
	}
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "key")
	if err := os.WriteFile(keyPath, []byte("a test key, not a secret, 32 bytes or more\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fingerprint := func(h *Handler) string {
		f := h.engine.Find([]byte("手机 " + testMobile))
		if len(f) != 1 {
			t.Fatalf("findings = %v", f)
		}
		return f[0].Fingerprint
	}
	a, _ := newHandler(t, Handler{KeyFile: keyPath})
	b, _ := newHandler(t, Handler{KeyFile: keyPath})
	c, _ := newHandler(t, Handler{})
	if fingerprint(a) != fingerprint(b) {
		t.Error("the same key file gives different fingerprints")
	}
	if fingerprint(a) == fingerprint(c) {
		t.Error("a random key gives the key file's fingerprints")
	}

	t.Setenv("PII_TEST_KEY_FILE", keyPath)
	d, _ := newHandler(t, Handler{KeyFile: "{env.PII_TEST_KEY_FILE}"})
	if fingerprint(d) != fingerprint(a) {
		t.Error("placeholder in key_file not expanded")
	}

	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short")
	if err := os.WriteFile(short, []byte("8 bytes!\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{empty, short, filepath.Join(dir, "missing")} {
		h := Handler{KeyFile: name}
		ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
		err := h.Provision(ctx)
		cancel()
		if err == nil || !strings.Contains(err.Error(), "key_file") {
			t.Errorf("key_file %s: Provision = %v", name, err)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	in := Handler{
		Request: "reject", Response: "log", Dossier: intp(0),
		Detect: []detect.Category{detect.CNID, detect.CNMobile}, Ignore: []detect.Category{detect.Email},
		Mask: "label", Types: []string{"text/*"}, MaxBody: 1 << 20,
		Oversize: "pass", OnError: "reject", Status: 451, KeyFile: "/etc/caddy/pii.key",
		Cache: &CacheConfig{Entries: 500, TTL: caddy.Duration(time.Minute), Bytes: 1 << 20},
	}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"request":"reject","response":"log","dossier":0,"detect":["cn_id","cn_mobile"],"ignore":["email"],` +
		`"mask":"label","types":["text/*"],"max_body":1048576,"oversize":"pass","on_error":"reject","status":451,` +
		`"key_file":"/etc/caddy/pii.key","cache":{"entries":500,"ttl":60000000000,"bytes":1048576}}`
	if string(raw) != want {
		t.Errorf("JSON =\n%s\nwant\n%s", raw, want)
	}
	var out Handler
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}
	if raw, _ := json.Marshal(Handler{}); string(raw) != "{}" {
		t.Errorf("empty handler = %s", raw)
	}
}
