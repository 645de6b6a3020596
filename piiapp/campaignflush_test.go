package piiapp

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// TestCampaignNotRealertedAfterFlush: a campaign alerted on a fleet of two
// instances sharing a real Redis, whose counts and claims a flush then
// wipes, does not alert again when its count reaches the threshold once
// more within the window, on either instance (the one that raised it, and
// the one that found it claimed); the claim is back in Redis after. A
// campaign never alerted before still alerts after the flush.
func TestCampaignNotRealertedAfterFlush(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "flush:"}
	key := []byte(strings.Repeat("f", 32))
	sa, sb := newState(cfg, "", key, ""), newState(cfg, "", key, "")
	t.Cleanup(func() { _ = sa.Destruct(); _ = sb.Destruct() })
	core, logs := observer.New(zapcore.InfoLevel)
	a, b := capCampaigns(sa, core), capCampaigns(sb, core) // threshold 2
	ctx := context.Background()
	target, fresh := fpOf(301), fpOf(302)
	post := func(c *campaigns, fp string, client uint64) {
		c.count(ctx, observation{fp: fp, cat: detect.CNMobile, client: client, at: time.Now()})
	}
	alerts := func(fp string) int {
		n := 0
		for _, e := range logs.FilterMessageSnippet("campaign").All() {
			if e.ContextMap()["fingerprint"] == fp {
				n++
			}
		}
		return n
	}
	post(a, target, 1)
	post(a, target, 2) // a raises it
	post(b, target, 3) // b finds it claimed
	if alerts(target) != 1 {
		t.Fatalf("%d alerts before the flush, want 1", alerts(target))
	}
	rc := srv.Client()
	defer rc.Close()
	if err := rc.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	post(a, target, 4)
	post(a, target, 5)
	post(b, target, 6)
	post(b, target, 7)
	if alerts(target) != 1 {
		t.Fatalf("%d alerts after the flush, want still 1", alerts(target))
	}
	if n, err := rc.Exists(ctx, "flush:campaign:alert:"+target).Result(); err != nil || n != 1 {
		t.Fatalf("the claim is not back in Redis (%d, %v)", n, err)
	}
	post(b, fresh, 8)
	post(b, fresh, 9)
	if alerts(fresh) != 1 {
		t.Fatalf("%d alerts of a new campaign after the flush, want 1", alerts(fresh))
	}
}

// TestAlertMemoryBounded: the memory of alerts forgets each at the end of
// its window and holds at most maxAlertMemory, whatever is remembered.
func TestAlertMemoryBounded(t *testing.T) {
	var m alertMemory
	now := time.Now()
	for i := range maxAlertMemory + 100 {
		m.remember(fpOf(i), now.Add(time.Hour))
	}
	if len(m.until) != maxAlertMemory {
		t.Fatalf("holds %d, want %d", len(m.until), maxAlertMemory)
	}
	last := fpOf(maxAlertMemory + 99)
	if !m.seen(last, now) || m.seen(last, now.Add(time.Hour)) || m.seen(last, now) {
		t.Fatal("an alert is not remembered until the end of its window, or is after")
	}
}
