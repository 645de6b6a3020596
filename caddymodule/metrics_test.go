package caddymodule

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// provisionLoad provisions h as one config load would, in a context of its
// own, and returns it with its log and the load's metrics registry.
func provisionLoad(t *testing.T, h Handler) (*Handler, *observer.ObservedLogs, *prometheus.Registry) {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	hp := &h
	if err := hp.Provision(ctx); err != nil {
		t.Fatalf("Provision: %v", err)
	}
	t.Cleanup(func() { _ = hp.Cleanup() })
	core, logs := observer.New(zapcore.DebugLevel)
	hp.logger = zap.New(core)
	return hp, logs, ctx.GetMetricsRegistry()
}

// series names one time series: a metric and its labels.
type series struct {
	name   string
	labels string // "k=v,k=v", sorted by key as Prometheus sorts them
}

// metricValue reads a series from reg: a counter's or gauge's value, a
// histogram's sample count; 0 when the series does not exist.
func metricValue(t *testing.T, reg prometheus.Gatherer, s series) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != s.name {
			continue
		}
		for _, m := range f.GetMetric() {
			if labelString(m) != s.labels {
				continue
			}
			switch {
			case m.Counter != nil:
				return m.Counter.GetValue()
			case m.Gauge != nil:
				return m.Gauge.GetValue()
			case m.Histogram != nil:
				return float64(m.Histogram.GetSampleCount())
			}
		}
	}
	return 0
}

func labelString(m *dto.Metric) string {
	var parts []string
	for _, l := range m.GetLabel() {
		parts = append(parts, l.GetName()+"="+l.GetValue())
	}
	return strings.Join(parts, ",")
}

func TestMetricsMove(t *testing.T) {
	h, _, reg := provisionLoad(t, Handler{Response: "reject", Dossier: intp(0), MaxBody: 1024})
	const p = "caddy_pii_filter_"
	watch := map[series]float64{ // the expected change
		{p + "inspected_bodies_total", "direction=request"}:                    2,
		{p + "scanned_bytes_total", "direction=request"}:                       0, // set below
		{p + "scan_duration_seconds", "direction=request"}:                     1,
		{p + "cache_misses_total", "direction=request"}:                        1,
		{p + "cache_hits_total", "direction=request"}:                          1,
		{p + "findings_total", "category=cn_mobile,direction=request"}:         2,
		{p + "actions_total", "action=redacted,direction=request"}:             2,
		{p + "inspected_bodies_total", "direction=response"}:                   1, // not the broken one
		{p + "findings_total", "category=email,direction=response"}:            1,
		{p + "actions_total", "action=refused,direction=response"}:             3,
		{p + "refusals_total", "direction=response,reason=pii"}:                1,
		{p + "refusals_total", "direction=response,reason=error"}:              1,
		{p + "refusals_total", "direction=request,reason=oversize"}:            1,
		{p + "refusals_total", "direction=response,reason=oversize"}:           1,
		{p + "uninspected_bodies_total", "direction=request,reason=oversize"}:  1,
		{p + "uninspected_bodies_total", "direction=response,reason=encoding"}: 1,
		{p + "uninspected_bodies_total", "direction=response,reason=oversize"}: 1,
		{p + "cache_entries", ""}:                                              2,
	}
	before := map[series]float64{}
	for s := range watch {
		before[s] = metricValue(t, reg, s)
	}

	// A request redacted, then again from the cache.
	body := "手机 " + testMobile
	watch[series{p + "scanned_bytes_total", "direction=request"}] = float64(len(body))
	for range 2 {
		if _, err := serve(h, post(body, "text/plain"), capture(new(captured))); err != nil {
			t.Fatal(err)
		}
	}
	// A response refused for its personal information.
	if _, err := serve(h, get("/"), respondWith(200, map[string]string{"Content-Type": "text/plain"}, []byte("mail "+testEmail))); err != nil {
		t.Fatal(err)
	}
	// A request too large to inspect.
	big := post(strings.Repeat("x", 2048), "text/plain")
	if w, _ := serve(h, big, capture(new(captured))); w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversize request: %d", w.Code)
	}
	// A response whose compression is broken.
	broken := respondWith(200, map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}, []byte("not gzip at all"))
	if w, _ := serve(h, get("/"), broken); w.Code != 403 {
		t.Fatalf("broken gzip: %d", w.Code)
	}
	// A response declared too large.
	large := respondWith(200, map[string]string{"Content-Type": "text/plain", "Content-Length": "4096"}, []byte(strings.Repeat("y", 4096)))
	if w, _ := serve(h, get("/"), large); w.Code != 403 {
		t.Fatalf("oversize response: %d", w.Code)
	}

	for s, want := range watch {
		if got := metricValue(t, reg, s) - before[s]; got != want {
			t.Errorf("%s{%s} moved by %v, want %v", s.name, s.labels, got, want)
		}
	}
}

// TestMetricsAcrossReload provisions the same handler into two config
// loads, each with its own registry, and a second handler into the first:
// the collectors are shared, registering again is no error.
func TestMetricsAcrossReload(t *testing.T) {
	cfg := Handler{Request: "log", Dossier: intp(9)}
	_, _, reg1 := provisionLoad(t, cfg)
	h2, _, reg2 := provisionLoad(t, cfg)
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	defer cancel()
	if err := registerMetrics(ctx.GetMetricsRegistry()); err != nil {
		t.Fatal(err)
	}
	if err := registerMetrics(reg1); err != nil {
		t.Fatalf("registering twice into one registry: %v", err)
	}
	if err := registerMetrics(nil); err != nil {
		t.Fatal(err)
	}

	s := series{"caddy_pii_filter_actions_total", "action=logged,direction=request"}
	b1, b2 := metricValue(t, reg1, s), metricValue(t, reg2, s)
	if _, err := serve(h2, post("mobile "+testMobile, "text/plain"), capture(new(captured))); err != nil {
		t.Fatal(err)
	}
	if metricValue(t, reg1, s)-b1 != 1 || metricValue(t, reg2, s)-b2 != 1 {
		t.Errorf("counts after a reload: %v, %v", metricValue(t, reg1, s)-b1, metricValue(t, reg2, s)-b2)
	}

	// A foreign collector under one of the names is a real conflict.
	foreign := prometheus.NewRegistry()
	foreign.MustRegister(prometheus.NewGauge(prometheus.GaugeOpts{Name: "caddy_pii_filter_cache_entries", Help: "someone else's"}))
	if err := registerMetrics(foreign); err == nil {
		t.Error("a conflicting collector was accepted")
	}
}

// TestMetricsLabelsBounded checks every series the filter exports takes
// its labels from fixed sets (never a value from a request), and the
// metric names pass Prometheus' linter.
func TestMetricsLabelsBounded(t *testing.T) {
	h, _, reg := provisionLoad(t, Handler{Dossier: intp(2)})
	for _, body := range []string{"手机 " + testMobile, "身份证 " + testID + " 邮箱 " + testEmail, "clean"} {
		if _, err := serve(h, post(body, "text/plain"), capture(new(captured))); err != nil {
			t.Fatal(err)
		}
	}
	allowed := map[string][]string{
		"direction": {"request", "response"},
		"action":    {"redacted", "logged", "refused"},
		"reason": {"pii", "dossier", "oversize", "error", evictEntries, evictBytes, evictExpired,
			skipEncoding, skipMalformed, skipPartial, skipStream, skipPanic, skipWork, skipMemory, skipCanceled, skipOther},
	}
	for _, c := range detect.AllCategories {
		allowed["category"] = append(allowed["category"], string(c))
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), "caddy_pii_filter_") {
			continue
		}
		names = append(names, f.GetName())
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if !slices.Contains(allowed[l.GetName()], l.GetValue()) {
					t.Errorf("%s: label %s=%q is not from a fixed set", f.GetName(), l.GetName(), l.GetValue())
				}
			}
		}
	}
	if len(names) < 10 {
		t.Errorf("only %d metric families registered: %v", len(names), names)
	}
	problems, err := testutil.GatherAndLint(reg, names...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}
