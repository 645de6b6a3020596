package piiapp

import (
	"errors"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// The Prometheus metrics of the pii app, served on Caddy's /metrics next
// to pii_filter's. Labels take only fixed values.
//
//	caddy_pii_protected_identifiers                  fingerprints in force in this instance's protected list
//	caddy_pii_store_up                               1 while the store answers, 0 while it does not
//	caddy_pii_store_errors_total{operation}          failed store calls: sync, protect, observe, claim
//	caddy_pii_campaigns_total{category}              campaign alerts raised by this instance
//	caddy_pii_campaign_observations_total{counted}   fingerprints observed, counted in the store, in memory (the store failed) or in memory because the queue was full or their client's share of it was (overflow)
//	caddy_pii_campaign_evictions_total               fingerprints the in-memory counter forgot to stay in bounds
//	caddy_pii_campaign_suppressed_total{what}        campaign alerts or auto-protections over their budget: alert, protect
//	caddy_pii_protected_republished_total            protected records the store lacked (flushed, restored) written back by this instance
//	caddy_pii_admin_busy_total                       admin API calls with a body answered 429 (maxAdminCalls served already)
type appMetrics struct {
	protected    prometheus.Gauge
	storeUp      prometheus.Gauge
	storeErrors  *prometheus.CounterVec
	campaigns    *prometheus.CounterVec
	observations *prometheus.CounterVec
	evictions    prometheus.Counter
	suppressed   *prometheus.CounterVec
	republished  prometheus.Counter
	adminBusy    prometheus.Counter
}

var metrics = sync.OnceValue(func() *appMetrics {
	const ns, sub = "caddy", "pii"
	m := &appMetrics{
		protected: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub, Name: "protected_identifiers",
			Help: "Fingerprints in force in the protected list of this instance."}),
		storeUp: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub, Name: "store_up",
			Help: "1 while the store of the protected list and campaign counts answers, 0 while it does not."}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "store_errors_total",
			Help: "Store calls that failed, by operation: sync, protect, observe, claim."}, []string{"operation"}),
		campaigns: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "campaigns_total",
			Help: "Campaign alerts raised by this instance, by category."}, []string{"category"}),
		observations: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "campaign_observations_total",
			Help: "Fingerprints observed for campaign counting, by where they were counted: store, memory (the store failed), overflow (in memory: the queue, or its client's share of it, was full)."}, []string{"counted"}),
		evictions: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "campaign_evictions_total",
			Help: "Fingerprints the in-memory campaign counter forgot to stay within its bounds."}),
		suppressed: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "campaign_suppressed_total",
			Help: "Campaign alerts (alert) or automatic protections (protect) not made because their budget for the interval was spent."}, []string{"what"}),
		republished: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "protected_republished_total",
			Help: "Protected-list records (adds and removals) the store lacked, written back by this instance."}),
		adminBusy: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Subsystem: sub, Name: "admin_busy_total",
			Help: "Admin API calls with a body (protect, remove, check) answered 429 because as many were being served already."}),
	}
	m.storeUp.Set(1)
	for _, op := range []string{opSync, opProtect, opObserve, opClaim} {
		m.storeErrors.WithLabelValues(op)
	}
	for _, w := range []string{budgetAlert, budgetProtect} {
		m.suppressed.WithLabelValues(w)
	}
	for _, c := range []string{countedStore, countedMemory, countedOverflow} {
		m.observations.WithLabelValues(c)
	}
	return m
})

// The operation labels of store_errors_total.
const (
	opSync    = "sync"
	opProtect = "protect"
	opObserve = "observe"
	opClaim   = "claim"
)

// registerMetrics registers the collectors into reg (nil: none),
// tolerating those already there.
func registerMetrics(reg *prometheus.Registry) error {
	if reg == nil {
		return nil
	}
	m := metrics()
	for _, c := range []prometheus.Collector{m.protected, m.storeUp, m.storeErrors, m.campaigns, m.observations, m.evictions, m.suppressed, m.republished, m.adminBusy} {
		if err := reg.Register(c); err != nil {
			if _, ok := errors.AsType[prometheus.AlreadyRegisteredError](err); !ok {
				return err
			}
		}
	}
	return nil
}

// The counted labels of campaign_observations_total.
const (
	countedStore    = "store"
	countedMemory   = "memory"
	countedOverflow = "overflow"
)

// The what labels of campaign_suppressed_total.
const (
	budgetAlert   = "alert"
	budgetProtect = "protect"
)
