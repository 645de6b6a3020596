package piiapp

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/caddyserver/caddy/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// protection is the part of the app that protects identifiers and detects
// campaigns: its hold on the shared state (store and local protected
// list) and its campaign counter.
type protection struct {
	state     *state
	statePool string // the state's key in states, "" for the default app's
	fleetKey  []byte
	campaigns *campaigns // nil when campaign is not set
}

// ProcessKey returns the fingerprint key of a process whose configuration
// names no key file: random, made once per process, so fingerprints (and
// hash masks) correlate across config reloads of one run.
var ProcessKey = sync.OnceValue(func() []byte {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return key
})

// provisionProtection checks the store and campaign options and takes the
// state of the store and key.
func (a *App) provisionProtection(ctx caddy.Context) error {
	cfg := StoreConfig{}
	if a.Store != nil {
		cfg = *a.Store
	}
	if err := cfg.validate(); err != nil {
		return fmt.Errorf("pii: %w", err)
	}
	if cfg.Type == storeRedis && a.key == nil {
		return errors.New("pii: store redis needs key_file: every instance must make the same fingerprints, across restarts")
	}
	if cfg.Type == "" {
		cfg.Type = storeMemory
	}
	if cfg.Type == storeRedis && cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	if a.Campaign != nil {
		if err := a.Campaign.validate(); err != nil {
			return fmt.Errorf("pii: %w", err)
		}
	}
	if err := registerMetrics(ctx.GetMetricsRegistry()); err != nil {
		return fmt.Errorf("pii: metrics: %w", err)
	}
	a.fleetKey = a.key
	if a.fleetKey == nil {
		a.fleetKey = ProcessKey()
		ctx.Logger().Warn("pii: no key_file: the process's random key makes the fingerprints, so the protected list (kept in memory and in a snapshot under that key) does not survive a restart; set key_file to keep it")
	}
	password := caddy.NewReplacer().ReplaceAll(cfg.Password, "")
	st, pk, err := stateFor(cfg, password, a.fleetKey)
	if err != nil {
		return fmt.Errorf("pii: store: %w", err)
	}
	a.state, a.statePool = st, pk
	if a.Campaign != nil {
		client := a.CampaignClient
		if client == "" {
			client = DefaultCampaignClient
		}
		a.campaigns = newCampaigns(*a.Campaign, client, st, a.fleetKey, ctx.Logger().Named("campaign"))
	}
	return nil
}

// provisionDefaultProtection gives the default app (no pii global option)
// the memory store under the process key, for good.
func (a *App) provisionDefaultProtection() {
	a.fleetKey = ProcessKey()
	st, _, _ := stateFor(StoreConfig{Type: storeMemory}, "", a.fleetKey)
	a.state = st
}

// current is the app of the running configuration, which the admin API
// serves; nil means the default app.
var current atomic.Pointer[App]

// Current returns the app of the running configuration, or the process's
// default app when it has no pii global option.
func Current() *App {
	if a := current.Load(); a != nil {
		return a
	}
	return defaultApp()
}

func (a *App) startProtection() {
	if a.campaigns != nil {
		a.campaigns.start()
	}
	current.Store(a)
}

func (a *App) stopProtection() {
	if a.campaigns != nil {
		a.campaigns.halt()
	}
	current.CompareAndSwap(a, nil)
}

func (a *App) cleanupProtection() error {
	if a.statePool == "" {
		return nil
	}
	pk := a.statePool
	a.statePool = ""
	_, err := states.Delete(pk)
	return err
}

// Protected returns the protected list that pii_filter handlers give
// their engines: local, kept in step with the store.
func (a *App) Protected() *detect.ProtectedSet { return a.state.set }

// FleetKey returns the key of the protected list and the campaign counts:
// key_file's, or the process key.
func (a *App) FleetKey() []byte { return a.fleetKey }

// Campaigns reports whether campaign detection is on.
func (a *App) Campaigns() bool { return a.campaigns != nil }

// Observe counts, for campaign detection, the fingerprints of the findings
// of a body of r; the findings' fingerprints must be keyed by FleetKey.
// It never waits on the store.
func (a *App) Observe(r *http.Request, findings []detect.Finding) {
	if a.campaigns != nil {
		a.campaigns.observeRequest(r, findings)
	}
}

// Value is one identifier as a report gives it: the value in any spelling
// and, optionally, its category.
type Value struct {
	Value    string
	Category detect.Category
}

// fingerprints returns the fingerprints of values under the fleet key. An
// error names the value by its position, never quotes it.
func (a *App) fingerprints(values []Value) ([]string, error) {
	fps := make([]string, len(values))
	for i, v := range values {
		_, fp, err := a.state.set.Identify(v.Category, v.Value)
		if err != nil {
			return nil, fmt.Errorf("%w %d: %w", errValue, i+1, err) // counted from 1, as the CLI counts
		}
		fps[i] = fp
	}
	return fps, nil
}

// errValue marks an error about one of the values given.
var errValue = errors.New("value")

// Protect adds values to the protected list (for good) and reports how
// many were not there yet. It is in force on this instance when it
// returns, and on every instance sharing the store within a second.
func (a *App) Protect(ctx context.Context, values []Value) (int, error) {
	fps, err := a.fingerprints(values)
	if err != nil {
		return 0, err
	}
	entries := make([]protectedEntry, len(fps))
	for i, fp := range fps {
		entries[i] = protectedEntry{FP: fp}
	}
	return a.state.protect(ctx, entries)
}

// Unprotect removes values from the protected list and reports how many
// were there.
func (a *App) Unprotect(ctx context.Context, values []Value) (int, error) {
	fps, err := a.fingerprints(values)
	if err != nil {
		return 0, err
	}
	return a.state.unprotect(ctx, fps)
}

// IsProtected reports, for each value, whether the local list holds it.
func (a *App) IsProtected(values []Value) ([]bool, error) {
	fps, err := a.fingerprints(values)
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(fps))
	for i, fp := range fps {
		out[i] = a.state.set.Has(fp)
	}
	return out, nil
}

// ProtectedCount returns how many fingerprints the local list holds.
func (a *App) ProtectedCount() int { return a.state.set.Len() }
