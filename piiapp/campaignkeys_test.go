package piiapp

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// TestCampaignKeysExpire: every key campaign counting writes to Redis (a
// HyperLogLog per fingerprint and time bucket, the alert claims, the
// budgets) expires, within the window and a bucket (the budgets within
// two intervals): identifiers posted by an attacker, one key each, never
// stay. Only the protected list's keys are kept for good.
func TestCampaignKeysExpire(t *testing.T) {
	srv := redistest.Start(t)
	s := newRedisStore(StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "exp:"}, "")
	t.Cleanup(func() { _ = s.close() })
	ctx := context.Background()
	now := time.Now()
	const window = time.Hour
	for i := range 50 {
		fp := fmt.Sprintf("%016x", i+1)
		for client := range uint64(3) {
			if _, err := s.observe(ctx, fp, client, now, window, 2); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.claimCampaign(ctx, fp, window); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.takeQuota(ctx, budgetAlert, now, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := s.mergeProtected(ctx, []record{{FP: "00000000000000ff", Added: now.UnixMilli()}}, now); err != nil {
		t.Fatal(err)
	}
	c := srv.Client()
	defer c.Close()
	keys, err := c.Keys(ctx, "exp:*").Result()
	if err != nil {
		t.Fatal(err)
	}
	campaign := 0
	for _, k := range keys {
		ttl, err := c.PTTL(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(k, "exp:{protected}:") {
			if ttl >= 0 {
				t.Errorf("%s: the protected list expires (%s)", k, ttl)
			}
			continue
		}
		campaign++
		if limit := 2 * window; ttl <= 0 || ttl > limit {
			t.Errorf("%s: expiry %s, want within %s", k, ttl, limit)
		}
	}
	if n, err := c.MemoryUsage(ctx, "exp:campaign:{0000000000000001}:"+fmt.Sprint(now.UnixMilli()/(window/campaignBuckets).Milliseconds())).Result(); err == nil {
		t.Logf("a fingerprint's count of 3 clients in one bucket takes %d bytes of Redis (one such key a fingerprint posted a bucket)", n)
	}
	if campaign < 101 { // 50 counts, 50 claims, a budget
		t.Fatalf("%d campaign keys, want at least 101: %v", campaign, keys)
	}
}
