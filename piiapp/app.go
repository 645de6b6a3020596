package piiapp

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/caddyserver/caddy/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

func init() {
	caddy.RegisterModule(App{})
}

// DefaultMemoryBudget is the memory budget when the app sets none: what
// every pii_filter handler and pii matcher of the process may hold for
// inspection at once.
const DefaultMemoryBudget = membudget.DefaultLimit

// DefaultMemoryWait is how long a request waits for room in the memory
// budget when the app sets nothing.
const DefaultMemoryWait = membudget.DefaultWait

// App is the pii app: process-wide settings and state of caddy-pii-filter.
type App struct {
	// KeyFile names a file holding the fingerprint key used by every
	// handler and matcher without a key_file of its own, so that a fleet
	// sharing the file produces the same fingerprints. Placeholders such
	// as {env.PII_KEY_FILE} are replaced when the app starts.
	KeyFile string `json:"key_file,omitempty"`

	// MemoryBudget bounds, in bytes, what all handlers and matchers of the
	// process hold for inspection at once (buffered and decompressed
	// bodies, stream hold-backs). Zero means DefaultMemoryBudget. A body
	// that does not fit waits briefly for room, then is refused with 503
	// and Retry-After.
	MemoryBudget int64 `json:"memory_budget,omitempty"`

	// MemoryWait is how long a request waits, in all, for the memory
	// budget to have room before it is refused with 503. Zero means
	// DefaultMemoryWait.
	MemoryWait caddy.Duration `json:"memory_wait,omitempty"`

	// Store is where the protected list and the campaign counts live;
	// empty means memory (see StoreConfig and protection.go).
	Store *StoreConfig `json:"store,omitempty"`

	// Campaign turns on campaign detection (see CampaignConfig).
	Campaign *CampaignConfig `json:"campaign,omitempty"`

	// CampaignClient says who a client is, for campaign counting: a
	// placeholder; empty means DefaultCampaignClient.
	CampaignClient string `json:"campaign_client,omitempty"`

	key []byte
	protection
}

// CaddyModule returns the Caddy module information.
func (App) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "pii",
		New: func() caddy.Module { return new(App) },
	}
}

// Provision reads the key file, applies the defaults and takes the state
// of the store and key (protection.go).
func (a *App) Provision(ctx caddy.Context) error {
	if a.MemoryBudget < 0 {
		return fmt.Errorf("pii: memory_budget %d: must not be negative", a.MemoryBudget)
	}
	if a.MemoryBudget == 0 {
		a.MemoryBudget = DefaultMemoryBudget
	}
	if a.MemoryWait < 0 {
		return fmt.Errorf("pii: memory_wait %v: must not be negative", time.Duration(a.MemoryWait))
	}
	if a.MemoryWait == 0 {
		a.MemoryWait = caddy.Duration(DefaultMemoryWait)
	}
	if a.KeyFile != "" {
		name := caddy.NewReplacer().ReplaceAll(a.KeyFile, "")
		key, err := detect.ReadKeyFile(name)
		if err != nil {
			return fmt.Errorf("pii: key_file: %w", err)
		}
		a.key = key
	}
	return a.provisionProtection(ctx)
}

// Start starts the campaign worker, makes the app the one the admin API
// serves, and makes its memory budget the limit of the process's budget
// (membudget.Process). The limit is set when the configuration starts,
// not when it is provisioned, so a reload that fails leaves the running
// limit as it was; requests in flight keep what they reserved under the
// old limit.
func (a *App) Start() error {
	a.startProtection()
	membudget.Process.SetLimit(a, a.MemoryBudget, time.Duration(a.MemoryWait))
	return nil
}

// Stop stops the campaign worker and puts the process's budget back to
// its default, unless a newer configuration has set it since (a reload
// starts the new configuration before it stops the old one).
func (a *App) Stop() error {
	a.stopProtection()
	membudget.Process.ResetLimit(a)
	return nil
}

// Cleanup releases the app's hold on the shared protection state.
func (a *App) Cleanup() error { return a.cleanupProtection() }

// Key returns the fingerprint key read from key_file, or nil when the app
// sets none (each handler then uses its own key_file or the process key).
func (a *App) Key() []byte { return a.key }

// Get returns the pii app of the configuration ctx belongs to, or the
// process's default app (every default) when the configuration has none.
func Get(ctx caddy.Context) (*App, error) {
	v, err := ctx.AppIfConfigured("pii")
	if errors.Is(err, caddy.ErrNotConfigured) {
		// the default app's metrics (protected list, store) are served too
		if err := registerMetrics(ctx.GetMetricsRegistry()); err != nil {
			return nil, fmt.Errorf("pii: metrics: %w", err)
		}
		return defaultApp(), nil
	}
	if err != nil {
		return nil, err
	}
	return v.(*App), nil
}

// defaultApp is the app of configurations without a pii global option.
var defaultApp = sync.OnceValue(func() *App {
	a := &App{MemoryBudget: DefaultMemoryBudget, MemoryWait: caddy.Duration(DefaultMemoryWait)}
	a.provisionDefaultProtection()
	return a
})

// Interface guards
var (
	_ caddy.App          = (*App)(nil)
	_ caddy.Provisioner  = (*App)(nil)
	_ caddy.CleanerUpper = (*App)(nil)
)
