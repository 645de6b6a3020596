package piiapp

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// TestLegacyListImported: a Redis holding the protected list in the form
// of earlier versions (a sorted set) has it imported by the instances that
// start on it, two at once: the entries without an end and those ending
// later are protected, an ended one is not, and the set is kept renamed.
func TestLegacyListImported(t *testing.T) {
	srv := redistest.Start(t)
	c := srv.Client()
	defer c.Close()
	ctx := context.Background()
	later := time.Now().Add(time.Hour).UnixMilli()
	past := time.Now().Add(-time.Hour).UnixMilli()
	if err := c.ZAdd(ctx, "old:protected",
		redis.Z{Score: math.Inf(1), Member: fpOf(1)},
		redis.Z{Score: float64(later), Member: fpOf(2)},
		redis.Z{Score: float64(past), Member: fpOf(3)},
		redis.Z{Score: math.Inf(1), Member: "not-a-fingerprint"},
	).Err(); err != nil {
		t.Fatal(err)
	}
	c.Set(ctx, "old:protected:version", 7, 0)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "old:"}
	key := []byte(strings.Repeat("q", 32))
	a, b := newState(cfg, "", key, ""), newState(cfg, "", key, "")
	t.Cleanup(func() { _ = a.Destruct(); _ = b.Destruct() })
	want := func(s *state) bool {
		return s.set.Has(fpOf(1)) && s.set.Has(fpOf(2)) && !s.set.Has(fpOf(3)) && s.set.Len() == 2
	}
	if !waitFor(func() bool { return want(a) && want(b) }, 20) {
		t.Fatalf("imported: a %d, b %d fingerprints", a.set.Len(), b.set.Len())
	}
	if n, _ := c.Exists(ctx, "old:protected").Result(); n != 0 {
		t.Error("the sorted set is still there: it would be imported again")
	}
	if n, _ := c.ZCard(ctx, "old:protected:migrated").Result(); n != 4 {
		t.Errorf("the backup holds %d entries, want 4", n)
	}
	// a removal after the import is not undone by anything left behind
	if n, err := a.unprotect(ctx, []string{fpOf(1)}); err != nil || n != 1 {
		t.Fatalf("unprotect: %d, %v", n, err)
	}
	c2 := newState(cfg, "", key, "")
	t.Cleanup(func() { _ = c2.Destruct() })
	if !waitFor(func() bool { return !b.set.Has(fpOf(1)) && c2.set.Len() == 1 && c2.set.Has(fpOf(2)) }, 20) {
		t.Errorf("after the removal: b has fp1 %v, a new instance %d fingerprints", b.set.Has(fpOf(1)), c2.set.Len())
	}
}
