package piiapp

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// capCampaigns returns the campaign detection of a state, logging into
// core: threshold 2, protect 1h, at most 3 alerts and 2 protections an
// hour.
func capCampaigns(st *state, core zapcore.Core) *campaigns {
	cfg := CampaignConfig{Clients: 2, Window: caddy.Duration(time.Hour), Protect: caddy.Duration(time.Hour),
		MaxAlerts: &RateCap{Count: 3, Per: caddy.Duration(time.Hour)}, MaxProtects: &RateCap{Count: 2, Per: caddy.Duration(time.Hour)}}
	return newCampaigns(cfg, DefaultCampaignClient, st, []byte(strings.Repeat("c", 32)), zap.New(core))
}

// TestCampaignCapsFleetWide: campaigns over many values (a botnet posting
// values that are no one's) raise at most max_alerts alerts and protect
// at most max_protects values per interval, counted across two instances
// sharing one real Redis; the first refusal of each budget is logged once.
func TestCampaignCapsFleetWide(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "cap:"}
	key := []byte(strings.Repeat("q", 32))
	sa, sb := newState(cfg, "", key, ""), newState(cfg, "", key, "")
	t.Cleanup(func() { _ = sa.Destruct(); _ = sb.Destruct() })
	core, logs := observer.New(zapcore.InfoLevel)
	a, b := capCampaigns(sa, core), capCampaigns(sb, core)
	ctx := context.Background()
	now := time.Now()
	for i := range 10 {
		c := a
		if i%2 == 1 {
			c = b
		}
		c.decide(ctx, observation{fp: fpOf(100 + i), cat: detect.CNMobile, at: now}, 2, true)
	}
	assertCapped(t, logs, func(fp string) bool { return sa.set.Has(fp) || sb.set.Has(fp) })
}

// TestCampaignCapsInMemory: the same caps on the memory store.
func TestCampaignCapsInMemory(t *testing.T) {
	st := newState(StoreConfig{Type: storeMemory}, "", []byte(strings.Repeat("m", 32)), "")
	t.Cleanup(func() { _ = st.Destruct() })
	core, logs := observer.New(zapcore.InfoLevel)
	c := capCampaigns(st, core)
	now := time.Now()
	for i := range 10 {
		c.decide(context.Background(), observation{fp: fpOf(200 + i), cat: detect.CNMobile, at: now}, 2, true)
	}
	assertCapped(t, logs, st.set.Has)
}

// assertCapped checks 3 alerts, 2 of them protecting, and one warning for
// each spent budget.
func assertCapped(t *testing.T, logs *observer.ObservedLogs, protected func(string) bool) {
	t.Helper()
	alerts := logs.FilterMessageSnippet("posted by many clients").All()
	if len(alerts) != 3 {
		t.Fatalf("%d alerts, want 3 (max_alerts)", len(alerts))
	}
	made, skipped := 0, 0
	for _, e := range alerts {
		m := e.ContextMap()
		if _, ok := m["protect_skipped"]; ok {
			skipped++
		} else if fp, _ := m["fingerprint"].(string); m["protect"] != nil && protected(fp) {
			made++
		}
	}
	if made != 2 || skipped != 1 {
		t.Errorf("%d protections made, %d skipped; want 2 and 1 (max_protects)", made, skipped)
	}
	warns := logs.FilterMessageSnippet("budget spent").All()
	if len(warns) != 2 {
		t.Errorf("%d budget warnings, want one for alerts and one for protections", len(warns))
	}
}
