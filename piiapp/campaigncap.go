package piiapp

import (
	"context"
	"fmt"
	"time"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"
)

// RateCap bounds how many times something happens per interval, across
// every instance sharing the store (each instance on its own while the
// store is unreachable).
type RateCap struct {
	// Count is the most per interval; 0 means no cap.
	Count int `json:"count"`
	// Per is the interval, cut at fixed times (multiples of it).
	Per caddy.Duration `json:"per"`
}

// The default caps of campaign alerts and of the protections they make. A
// botnet posting many values can at worst raise this many alerts and
// protect this many values that are no one's (a shop's hotline) per hour.
var (
	DefaultMaxAlerts   = RateCap{Count: 1000, Per: caddy.Duration(time.Hour)}
	DefaultMaxProtects = RateCap{Count: 100, Per: caddy.Duration(time.Hour)}
)

// maxCapCount bounds a cap's count.
const maxCapCount = 1_000_000

// validate checks a cap.
func (r RateCap) validate(name string) error {
	if r.Count < 0 || r.Count > maxCapCount || r.Count > 0 && time.Duration(r.Per) < time.Second {
		return fmt.Errorf("campaign: %s %d per %s: want a count from 1 to %d per at least 1s", name, r.Count, time.Duration(r.Per), maxCapCount)
	}
	return nil
}

// or returns r, or def when r is not set.
func (r *RateCap) or(def RateCap) RateCap {
	if r == nil {
		return def
	}
	return *r
}

// allow takes one of what's budget (budgetAlert or budgetProtect) for the
// interval holding now, in the store when inStore (else, or when the
// store fails, in this instance's memory), and reports whether there was
// one left. The first refusal of an interval is logged, each is counted.
func (c *campaigns) allow(ctx context.Context, what string, limit RateCap, now time.Time, inStore bool) bool {
	if limit.Count == 0 {
		return true
	}
	per := time.Duration(limit.Per)
	n := 0
	if inStore {
		var err error
		if n, err = c.st.st.takeQuota(ctx, what, now, per); err != nil {
			c.st.failed(opClaim, err)
			inStore = false
		}
	}
	if !inStore {
		n = c.st.fallback.take(what, now, per)
	}
	if n <= limit.Count {
		return true
	}
	metrics().suppressed.WithLabelValues(what).Inc()
	if n == limit.Count+1 {
		c.log.Warn("campaign: budget spent for this interval; more are counted in caddy_pii_campaign_suppressed_total but not made",
			zap.String("what", what), zap.Int("max", limit.Count), zap.Duration("per", per), zap.Bool("counted_in_store", inStore))
	}
	return false
}
