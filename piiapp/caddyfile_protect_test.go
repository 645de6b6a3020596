package piiapp

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
)

func parseApp(t *testing.T, in string) (App, error) {
	t.Helper()
	v, err := parseGlobalOption(caddyfile.NewTestDispenser(in), nil)
	if err != nil {
		return App{}, err
	}
	var a App
	if err := json.Unmarshal(v.(httpcaddyfile.App).Value, &a); err != nil {
		t.Fatal(err)
	}
	return a, nil
}

func TestStoreAndCampaignOptionsParse(t *testing.T) {
	a, err := parseApp(t, `pii {
		key_file /etc/caddy/pii.key
		store redis 10.0.0.5:6379 {
			password {env.REDIS_PASSWORD}
			db 2
			prefix fleet:
			tls
		}
		campaign 5 1h protect 720h
		campaign_client {http.request.header.X-User}
	}`)
	if err != nil {
		t.Fatal(err)
	}
	want := StoreConfig{Type: "redis", Address: "10.0.0.5:6379", Password: "{env.REDIS_PASSWORD}", DB: 2, Prefix: "fleet:", TLS: true}
	if a.Store == nil || *a.Store != want {
		t.Errorf("store %+v", a.Store)
	}
	if c := a.Campaign; c == nil || c.Clients != 5 || time.Duration(c.Window) != time.Hour || time.Duration(c.Protect) != 720*time.Hour {
		t.Errorf("campaign %+v", a.Campaign)
	}
	if a.CampaignClient != "{http.request.header.X-User}" {
		t.Errorf("campaign_client %q", a.CampaignClient)
	}
	a, err = parseApp(t, "pii {\n campaign 3 10m protect 1h {\n client_prefix 24 56\n max_alerts 50 10m\n max_protects 0\n }\n}")
	if err != nil || a.Campaign.IPv4Prefix != 24 || a.Campaign.IPv6Prefix != 56 || a.Campaign.Clients != 3 {
		t.Fatalf("client_prefix: %+v %v", a.Campaign, err)
	}
	if m := a.Campaign.MaxAlerts; m == nil || m.Count != 50 || time.Duration(m.Per) != 10*time.Minute {
		t.Errorf("max_alerts %+v", m)
	}
	if m := a.Campaign.MaxProtects; m == nil || m.Count != 0 {
		t.Errorf("max_protects 0 (no cap): %+v", m)
	}
	a, err = parseApp(t, "pii {\n store memory\n campaign 3 10m\n}")
	if err != nil || a.Store.Type != "memory" || a.Campaign.Protect != 0 {
		t.Fatalf("%+v %v", a, err)
	}
}

func TestStoreAndCampaignErrorsNameTheOption(t *testing.T) {
	for in, want := range map[string]string{
		"pii {\n store\n}":                                        "wrong argument count",
		"pii {\n store disk\n}":                                   "unknown type",
		"pii {\n store redis\n}":                                  "wrong argument count",
		"pii {\n store redis h:1 {\n colour x\n }\n}":             "unknown option",
		"pii {\n store redis h:1 {\n db -1\n }\n}":                "db",
		"pii {\n store memory\n store memory\n}":                  "already specified",
		"pii {\n campaign 5\n}":                                   "campaign",
		"pii {\n campaign 1 1h\n}":                                "clients",
		"pii {\n campaign five 1h\n}":                             "clients",
		"pii {\n campaign 5 soon\n}":                              "window",
		"pii {\n campaign 5 1h keep 2h\n}":                        "protect",
		"pii {\n campaign 5 1h protect never\n}":                  "protect",
		"pii {\n campaign_client\n}":                              "wrong argument count",
		"pii {\n campaign 5 1h\n campaign 5 1h\n}":                "already specified",
		"pii {\n store memory {\n prefix x\n }\n}":                "no options",
		"pii {\n campaign 5 1h {\n client_prefix 24\n }\n}":       "client_prefix",
		"pii {\n campaign 5 1h {\n client_prefix 24 sixty\n }\n}": "client_prefix",
		"pii {\n campaign 5 1h {\n client_prefix 33 64\n }\n}":    "IPv4 bits",
		"pii {\n campaign 5 1h {\n client_prefix 32 0\n }\n}":     "IPv6 bits",
		"pii {\n campaign 5 1h {\n max_alerts 5\n }\n}":           "max_alerts",
		"pii {\n campaign 5 1h {\n max_alerts x 1h\n }\n}":        "max_alerts count",
		"pii {\n campaign 5 1h {\n max_protects 5 soon\n }\n}":    "max_protects interval",
		"pii {\n campaign 5 1h {\n max_protects 5 10ms\n }\n}":    "at least 1s",
		"pii {\n campaign 5 1h {\n max_protects -1 1h\n }\n}":     "max_protects",
		"pii {\n campaign 5 1h {\n colour red\n }\n}":             "unknown option",
	} {
		_, err := parseApp(t, in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want it to mention %q", in, err, want)
		}
	}
}

func TestStoreValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg  StoreConfig
		want string
	}{
		{StoreConfig{Type: "memory", Address: "h:1"}, "redis store"},
		{StoreConfig{Type: "redis"}, "address"},
		{StoreConfig{Type: "etcd"}, "unknown type"},
	} {
		if err := tc.cfg.validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.cfg, err, tc.want)
		}
	}
}

func TestProvisionRedisNeedsKeyFile(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: t.Context()})
	defer cancel()
	a := &App{Store: &StoreConfig{Type: "redis", Address: "127.0.0.1:1"}}
	if err := a.Provision(ctx); err == nil || !strings.Contains(err.Error(), "key_file") {
		t.Fatalf("redis without key_file: %v", err)
	}
}
