package caddymodule

import (
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// The Prometheus metrics of the filter, served on Caddy's /metrics. The
// collectors are made once per process and registered into the registry of
// every config load (ctx.GetMetricsRegistry is new for each), so counts
// carry over a reload. Labels take only fixed values: a direction, an
// action, a reason, a category name.
//
//	caddy_pii_filter_inspected_bodies_total{direction}       bodies judged (cache hits included), not those that could not be inspected
//	caddy_pii_filter_scanned_bytes_total{direction}          bytes run through the engine (cache misses and streams)
//	caddy_pii_filter_findings_total{direction,category}      findings in bodies with an incident
//	caddy_pii_filter_actions_total{direction,action}         incidents by what was done: redacted, logged, refused
//	caddy_pii_filter_refusals_total{direction,reason}        refusals: pii, dossier, protected, oversize, error, memory_budget
//	caddy_pii_filter_scan_duration_seconds{direction}        time to judge a buffered body that missed the cache
//	caddy_pii_filter_cache_hits_total{direction}
//	caddy_pii_filter_cache_misses_total{direction}
//	caddy_pii_filter_cache_evictions_total{reason}           entries, bytes, expired
//	caddy_pii_filter_cache_entries                           verdicts held, all caches together
//	caddy_pii_filter_cache_bytes                             their accounted size
//	caddy_pii_filter_uninspected_bodies_total{direction,reason} oversize, encoding, malformed, partial_content, encoded_stream, panic, work_budget, memory_budget, canceled, other
//	caddy_pii_filter_memory_budget_bytes                     the process's memory budget (memory_budget)
//	caddy_pii_filter_memory_budget_used_bytes                what is reserved of it now
type filterMetrics struct {
	inspected    *prometheus.CounterVec
	scannedBytes *prometheus.CounterVec
	findings     *prometheus.CounterVec
	actions      *prometheus.CounterVec
	refusals     *prometheus.CounterVec
	scanDuration *prometheus.HistogramVec
	cacheHits    *prometheus.CounterVec
	cacheMisses  *prometheus.CounterVec
	evictions    *prometheus.CounterVec
	cacheEntries prometheus.Gauge
	cacheBytes   prometheus.Gauge
	uninspected  *prometheus.CounterVec
	budget       prometheus.GaugeFunc
	budgetUsed   prometheus.GaugeFunc
}

// The values of the metrics' reason labels that are not incident reasons.
const (
	evictEntries = "entries" // the cache was full
	evictBytes   = "bytes"   // the cache's bytes were used up
	evictExpired = "expired" // older than the TTL

	skipOversize  = "oversize"        // larger than max_body (or decompressed, than its bound)
	skipEncoding  = "encoding"        // unknown or broken content coding
	skipMalformed = "malformed"       // a multipart body that does not parse
	skipPartial   = "partial_content" // a 206 response
	skipStream    = "encoded_stream"  // a compressed event stream
	skipPanic     = "panic"           // the inspection panicked (a bug, contained)
	skipWork      = "work_budget"     // the inspection needed more work than work_budget
	skipMemory    = "memory_budget"   // the memory budget could not hold it (refused, 503)
	skipCanceled  = "canceled"        // the request's context ended (client gone, shutdown)
	skipOther     = "other"
)

var (
	metricsOnce sync.Once
	pm          *filterMetrics
)

// metrics returns the collectors, making them on first use.
func metrics() *filterMetrics {
	metricsOnce.Do(func() { pm = newFilterMetrics() })
	return pm
}

func newFilterMetrics() *filterMetrics {
	const ns, sub = "caddy", "pii_filter"
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: name, Help: help}, labels)
	}
	gauge := func(name, help string) prometheus.Gauge {
		return prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub, Name: name, Help: help})
	}
	m := &filterMetrics{
		inspected:    counter("inspected_bodies_total", "Bodies inspected by the filter, cache hits and streams included.", "direction"),
		scannedBytes: counter("scanned_bytes_total", "Bytes run through the detection engine (cache misses and streams).", "direction"),
		findings:     counter("findings_total", "Personal information found, by category.", "direction", "category"),
		actions:      counter("actions_total", "Incidents by what was done with the body: redacted, logged or refused.", "direction", "action"),
		refusals:     counter("refusals_total", "Bodies refused, by reason: pii, dossier, protected, oversize or error.", "direction", "reason"),
		scanDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: ns, Subsystem: sub, Name: "scan_duration_seconds",
			Help:    "Time to judge a buffered body that was not in the verdict cache.",
			Buckets: prometheus.ExponentialBuckets(50e-6, 4, 9), // 50µs … 3.3s
		}, []string{"direction"}),
		cacheHits:    counter("cache_hits_total", "Bodies whose verdict came from the verdict cache.", "direction"),
		cacheMisses:  counter("cache_misses_total", "Bodies looked up in the verdict cache and not found.", "direction"),
		evictions:    counter("cache_evictions_total", "Verdicts dropped from the cache, by reason: entries, bytes or expired.", "reason"),
		cacheEntries: gauge("cache_entries", "Verdicts held in the verdict caches."),
		cacheBytes:   gauge("cache_bytes", "Accounted size of the verdicts held, in bytes."),
		uninspected:  counter("uninspected_bodies_total", "Bodies that could not be inspected, refused or passed, by reason.", "direction", "reason"),
		budget: prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub, Name: "memory_budget_bytes",
			Help: "The memory budget of everything held for inspection, all handlers and matchers together."},
			func() float64 { return float64(membudget.Process.Limit()) }),
		budgetUsed: prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub, Name: "memory_budget_used_bytes",
			Help: "What is reserved of the memory budget now."},
			func() float64 { return float64(membudget.Process.Used()) }),
	}
	for _, d := range []direction{dirRequest, dirResponse} {
		// Series that every dashboard reads exist from the start.
		m.inspected.WithLabelValues(string(d))
		m.scannedBytes.WithLabelValues(string(d))
		m.cacheHits.WithLabelValues(string(d))
		m.cacheMisses.WithLabelValues(string(d))
	}
	return m
}

// collectors lists everything to register.
func (m *filterMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{
		m.inspected, m.scannedBytes, m.findings, m.actions, m.refusals, m.scanDuration,
		m.cacheHits, m.cacheMisses, m.evictions, m.cacheEntries, m.cacheBytes, m.uninspected,
		m.budget, m.budgetUsed,
	}
}

// registerMetrics registers the collectors into reg (nil: none). Several
// pii_filter handlers share one registry, so a collector that is already
// there is fine.
func registerMetrics(reg *prometheus.Registry) error {
	if reg == nil {
		return nil
	}
	for _, c := range metrics().collectors() {
		if err := reg.Register(c); err != nil {
			if _, ok := errors.AsType[prometheus.AlreadyRegisteredError](err); !ok {
				return err
			}
		}
	}
	return nil
}

// refusalReason is the refusals_total reason of an incident.
func refusalReason(r reason) string {
	switch r {
	case reasonDossier:
		return "dossier"
	case reasonProtected:
		return "protected"
	case reasonTooLarge:
		return "oversize"
	case reasonUninspectable:
		return "error"
	case reasonBusy:
		return "memory_budget"
	}
	return "pii"
}

// countIncident counts a reported incident: its action, its findings and,
// for a refusal, its reason.
func countIncident(inc *incident) {
	m := metrics()
	dir := string(inc.Direction)
	m.actions.WithLabelValues(dir, string(inc.Outcome)).Inc()
	for c, n := range inc.Summary.Counts {
		m.findings.WithLabelValues(dir, string(c)).Add(float64(n))
	}
	if inc.Outcome == outRefused {
		m.refusals.WithLabelValues(dir, refusalReason(inc.Reason)).Inc()
	}
}

// countScan counts a body inspected by the engine for a verdict.
func countScan(dir direction, size int, took time.Duration) {
	m := metrics()
	m.inspected.WithLabelValues(string(dir)).Inc()
	m.scannedBytes.WithLabelValues(string(dir)).Add(float64(size))
	m.scanDuration.WithLabelValues(string(dir)).Observe(took.Seconds())
}

// countUninspected counts a body that could not be inspected.
func countUninspected(dir direction, why string) {
	metrics().uninspected.WithLabelValues(string(dir), why).Inc()
}
