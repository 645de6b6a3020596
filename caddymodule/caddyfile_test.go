package caddymodule

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	_ "github.com/caddyserver/caddy/v2/modules/standard"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestUnmarshalCaddyfile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		want  Handler
	}{
		{"bare", `pii_filter`, Handler{}},
		{"empty block", "pii_filter {\n}", Handler{}},
		{"one line", "pii_filter reject", Handler{Request: "reject", Response: "reject"}},
		{"one line and a block", "pii_filter log {\n response redact\n dossier 0\n}",
			Handler{Request: "log", Response: "redact", Dossier: intp(0)}},
		{"every option", `pii_filter {
			request  reject
			response log
			dossier  2
			detect   cn_id CN_MOBILE
			detect   email
			ignore   phone
			mask     hash
			types    application/json text/* application/*+json
			max_body 512KiB
			work_budget 4MiB
			oversize pass
			on_error pass
			status   422
			key_file /etc/caddy/pii.key
			websocket pass
		}`, Handler{
			Request: "reject", Response: "log", Dossier: intp(2),
			Detect: []detect.Category{detect.CNID, detect.CNMobile, detect.Email},
			Ignore: []detect.Category{detect.Phone},
			Mask:   "hash", Types: []string{"application/json", "text/*", "application/*+json"},
			MaxBody: 512 << 10, WorkBudget: 4 << 20, Oversize: "pass", OnError: "pass", Status: 422, KeyFile: "/etc/caddy/pii.key",
			WebSocket: "pass",
		}},
		{"defaults spelled out", `pii_filter {
			request redact
			response redact
			dossier 3
			mask partial
			max_body 8MiB
			oversize reject
			on_error reject
			status 403
		}`, Handler{
			Request: "redact", Response: "redact", Dossier: intp(3), Mask: "partial",
			MaxBody: 8 << 20, Oversize: "reject", OnError: "reject", Status: 403,
		}},
		{"off and dossier off", "pii_filter {\n request off\n response off\n dossier 0\n}",
			Handler{Request: "off", Response: "off", Dossier: intp(0)}},
		{"websocket inspect", "pii_filter {\n websocket inspect\n}", Handler{WebSocket: "inspect"}},
		{"decimal size", "pii_filter {\n max_body 1MB\n}", Handler{MaxBody: 1000000}},
		{"plain bytes", "pii_filter {\n max_body 4096\n}", Handler{MaxBody: 4096}},
		{"cache off", "pii_filter {\n cache off\n}", Handler{Cache: &CacheConfig{Off: true}}},
		{"cache entries", "pii_filter {\n cache 500\n}", Handler{Cache: &CacheConfig{Entries: 500}}},
		{"cache entries and ttl", "pii_filter {\n cache 2000 90s\n}",
			Handler{Cache: &CacheConfig{Entries: 2000, TTL: caddy.Duration(90 * time.Second)}}},
		{"cache bytes alone", "pii_filter {\n cache_bytes 16MiB\n}", Handler{Cache: &CacheConfig{Bytes: 16 << 20}}},
		{"cache bytes either side", "pii_filter {\n cache_bytes 1MB\n cache 10 1h\n}",
			Handler{Cache: &CacheConfig{Entries: 10, TTL: caddy.Duration(time.Hour), Bytes: 1000000}}},
		{"cache off then on", "pii_filter {\n cache off\n cache 10\n}", Handler{Cache: &CacheConfig{Entries: 10}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h Handler
			if err := h.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tc.input)); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(h, tc.want) {
				t.Errorf("got  %+v\nwant %+v", h, tc.want)
			}
			if err := h.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestUnmarshalCaddyfileErrors(t *testing.T) {
	for _, tc := range []struct {
		input string
		want  string // the error names the subdirective and the bad value
	}{
		{"pii_filter extra", `"extra" is not an action here`},
		{"pii_filter {\n request drop\n}", `request: unknown action "drop"`},
		{"pii_filter off", `"off" is not an action here: the directive's line takes one action for both directions`},
		{"pii_filter strict", `"strict" is not an action here`},
		{`pii_filter ""`, `"" is not an action here`},
		{"pii_filter reject log", `unexpected "log" after "reject": the directive's line takes one action`},
		{"pii_filter {\n response\n}", "wrong argument count"},
		{"pii_filter {\n response redact log\n}", "wrong argument count"},
		{"pii_filter {\n dossier many\n}", `dossier: "many"`},
		{"pii_filter {\n dossier -1\n}", `dossier: "-1"`},
		{"pii_filter {\n detect\n}", "wrong argument count"},
		{"pii_filter {\n detect cn_id passport\n}", `detect: unknown category "passport"`},
		{"pii_filter {\n ignore ssn\n}", `ignore: unknown category "ssn"`},
		{"pii_filter {\n mask stars\n}", `mask: unknown mask style "stars"`},
		{"pii_filter {\n types\n}", "wrong argument count"},
		{"pii_filter {\n types text/plain html\n}", `types: "html" is not a media type`},
		{"pii_filter {\n max_body huge\n}", `max_body: "huge"`},
		{"pii_filter {\n max_body 0\n}", `max_body: "0"`},
		{"pii_filter {\n work_budget lots\n}", `work_budget: "lots"`},
		{"pii_filter {\n oversize drop\n}", `oversize: unknown policy "drop"`},
		{"pii_filter {\n on_error skip\n}", `on_error: unknown policy "skip"`},
		{"pii_filter {\n status 200\n}", `status: "200" is not a 4xx or 5xx`},
		{"pii_filter {\n status teapot\n}", `status: "teapot"`},
		{"pii_filter {\n key_file\n}", "wrong argument count"},
		{"pii_filter {\n websocket\n}", "wrong argument count"},
		{"pii_filter {\n websocket inspect pass\n}", "wrong argument count"},
		{"pii_filter {\n websocket off\n}", `websocket: unknown websocket mode "off" (valid: inspect, pass)`},
		{"pii_filter {\n redact_all on\n}", "unrecognized pii_filter subdirective 'redact_all'"},
		{"pii_filter {\n cache\n}", "wrong argument count"},
		{"pii_filter {\n cache 10 5m 1MiB\n}", "wrong argument count"},
		{"pii_filter {\n cache off 5m\n}", "wrong argument count"},
		{"pii_filter {\n cache on\n}", `cache: "on" is neither off nor a count`},
		{"pii_filter {\n cache 0\n}", `cache: "0" is neither off nor a count`},
		{"pii_filter {\n cache 100 soon\n}", `cache: "soon" is not a duration`},
		{"pii_filter {\n cache 100 -5m\n}", `cache: "-5m" is not a duration`},
		{"pii_filter {\n cache_bytes lots\n}", `cache_bytes: "lots"`},
		{"pii_filter {\n cache_bytes 0\n}", `cache_bytes: "0"`},
		{"pii_filter {\n cache off\n cache_bytes 1MiB\n}", "cache_bytes: the cache is off"},
		{"pii_filter {\n cache_bytes 1MiB\n cache off\n}", "cache: off together with cache_bytes"},
	} {
		var h Handler
		err := h.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tc.input))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error = %v, want it to contain %q", tc.input, err, tc.want)
		}
		if err != nil && !strings.Contains(err.Error(), "Testfile:") {
			t.Errorf("%q: error %q does not say where", tc.input, err)
		}
	}
}

// TestAdaptPlainSiteBlock checks that a site block needs no order or route:
// pii_filter lands after encode and before the handlers that write bodies.
func TestAdaptPlainSiteBlock(t *testing.T) {
	const input = `:8080 {
	reverse_proxy localhost:9000
	pii_filter {
		response reject
		max_body 1MiB
		cache 2000 10m
		cache_bytes 32MiB
	}
	encode gzip
}`
	adapter := caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}
	out, warnings, err := adapter.Adapt([]byte(input), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		t.Logf("warning: %s", w.Message)
	}
	var cfg struct {
		Apps struct {
			HTTP struct {
				Servers map[string]struct {
					Routes []struct {
						Handle []map[string]any `json:"handle"`
					} `json:"routes"`
				} `json:"servers"`
			} `json:"http"`
		} `json:"apps"`
	}
	if err := json.Unmarshal(out, &cfg); err != nil {
		t.Fatal(err)
	}
	var order []string
	var filter map[string]any
	for _, srv := range cfg.Apps.HTTP.Servers {
		for _, route := range srv.Routes {
			for _, h := range route.Handle {
				order = append(order, h["handler"].(string))
				if h["handler"] == "pii_filter" {
					filter = h
				}
			}
		}
	}
	if want := []string{"encode", "pii_filter", "reverse_proxy"}; !reflect.DeepEqual(order, want) {
		t.Errorf("handler order = %q, want %q\n%s", order, want, out)
	}
	if filter["response"] != "reject" || filter["max_body"] != float64(1<<20) {
		t.Errorf("pii_filter JSON = %v", filter)
	}
	wantCache := map[string]any{"entries": float64(2000), "ttl": float64(10 * time.Minute), "bytes": float64(32 << 20)}
	if !reflect.DeepEqual(filter["cache"], wantCache) {
		t.Errorf("cache JSON = %v, want %v", filter["cache"], wantCache)
	}
}
