package piiapp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

func TestGlobalOptionParses(t *testing.T) {
	d := caddyfile.NewTestDispenser(`pii {
		key_file /etc/caddy/pii.key
		memory_budget 128MiB
		memory_wait 750ms
	}`)
	v, err := parseGlobalOption(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	app := v.(httpcaddyfile.App)
	if app.Name != "pii" {
		t.Fatalf("app name %q", app.Name)
	}
	var got App
	if err := json.Unmarshal(app.Value, &got); err != nil {
		t.Fatal(err)
	}
	if got.KeyFile != "/etc/caddy/pii.key" || got.MemoryBudget != 128<<20 || time.Duration(got.MemoryWait) != 750*time.Millisecond {
		t.Fatalf("parsed %+v", got)
	}
}

func TestGlobalOptionErrorsNameTheOption(t *testing.T) {
	for in, want := range map[string]string{
		"pii {\n memory_budget lots\n}": "memory_budget",
		"pii {\n memory_wait soon\n}":   "memory_wait",
		"pii {\n colour blue\n}":        "unknown option",
		"pii extra":                     "wrong argument count",
	} {
		_, err := parseGlobalOption(caddyfile.NewTestDispenser(in), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want it to mention %q", in, err, want)
		}
	}
}

func TestProvisionDefaultsAndKey(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: t.Context()})
	defer cancel()
	a := new(App)
	if err := a.Provision(ctx); err != nil {
		t.Fatal(err)
	}
	if a.MemoryBudget != DefaultMemoryBudget || time.Duration(a.MemoryWait) != DefaultMemoryWait || a.Key() != nil {
		t.Fatalf("defaults: budget %d, key %v", a.MemoryBudget, a.Key() != nil)
	}
	name := filepath.Join(t.TempDir(), "pii.key")
	if err := os.WriteFile(name, []byte(strings.Repeat("k", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	a = &App{KeyFile: name}
	if err := a.Provision(ctx); err != nil {
		t.Fatal(err)
	}
	if string(a.Key()) != strings.Repeat("k", 32) {
		t.Fatal("key not read")
	}
	if err := (&App{KeyFile: name + ".missing"}).Provision(ctx); err == nil || !strings.Contains(err.Error(), "key_file") {
		t.Fatalf("missing key file: %v", err)
	}
	short := filepath.Join(t.TempDir(), "short.key")
	if err := os.WriteFile(short, []byte("8 bytes!\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := (&App{KeyFile: short}).Provision(ctx); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Fatalf("short key file: %v", err)
	}
}

func TestGetWithoutTheOptionIsTheProcessDefault(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: t.Context()})
	defer cancel()
	a, err := Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Get(ctx)
	if a != b || a.MemoryBudget != DefaultMemoryBudget {
		t.Fatalf("default app: %p %p budget %d", a, b, a.MemoryBudget)
	}
}

func TestStartSetsTheProcessBudgetAndStopGivesItBack(t *testing.T) {
	t.Cleanup(func() { membudget.Process.SetLimit(nil, membudget.DefaultLimit, membudget.DefaultWait) })
	old, next := &App{MemoryBudget: 64 << 20, MemoryWait: caddy.Duration(time.Second)}, &App{MemoryBudget: 32 << 20, MemoryWait: caddy.Duration(time.Minute)}
	if err := old.Start(); err != nil {
		t.Fatal(err)
	}
	if got := membudget.Process.Limit(); got != 64<<20 {
		t.Fatalf("limit %d after start", got)
	}
	// a reload: the new configuration starts, then the old one stops
	_ = next.Start()
	_ = old.Stop()
	if got := membudget.Process.Limit(); got != 32<<20 || membudget.Process.Wait() != time.Minute {
		t.Fatalf("limit %d: the old configuration's stop undid the new one's", got)
	}
	_ = next.Stop()
	if got := membudget.Process.Limit(); got != DefaultMemoryBudget {
		t.Fatalf("limit %d after the last configuration stopped", got)
	}
}
