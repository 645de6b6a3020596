package piiapp

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// stores returns a memory store and a Redis store on a real redis-server,
// for tests of the store contract.
func stores(t *testing.T) map[string]store {
	t.Helper()
	srv := redistest.Start(t)
	rs := newRedisStore(StoreConfig{Type: storeRedis, Address: srv.Addr}, "")
	t.Cleanup(func() { _ = rs.close() })
	return map[string]store{
		"memory": newMemoryStore(newClientCounter(nil)),
		"redis":  rs,
	}
}

func fpOf(i int) string { return fmt.Sprintf("%016x", 0xabc000+i) }

// TestStoreProtectedList checks adding, removing, the version and the
// ends of entries, the same for both stores.
func TestStoreProtectedList(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			if v, err := st.protectedVersion(ctx); err != nil || (name == "redis" && v != "") {
				t.Fatalf("fresh store version %q, %v", v, err)
			}
			n, err := st.addProtected(ctx, []protectedEntry{{FP: fpOf(1)}, {FP: fpOf(2), Until: now.Add(time.Hour)}, {FP: fpOf(3), Until: now.Add(-time.Second)}})
			if err != nil || n != 3 {
				t.Fatalf("add: %d, %v", n, err)
			}
			v1, _ := st.protectedVersion(ctx)
			// again, with an end for the one that has none: it keeps none
			if n, err := st.addProtected(ctx, []protectedEntry{{FP: fpOf(1), Until: now.Add(time.Minute)}}); err != nil || n != 0 {
				t.Fatalf("add again: %d, %v", n, err)
			}
			if v2, _ := st.protectedVersion(ctx); v2 == v1 {
				t.Fatal("version unchanged by a change")
			}
			list, err := st.listProtected(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]time.Time{}
			for _, e := range list {
				got[e.FP] = e.Until
			}
			if len(got) != 2 || !got[fpOf(1)].IsZero() || got[fpOf(2)].IsZero() {
				t.Fatalf("list %v: want %s for good and %s until an hour from now (%s ended)", got, fpOf(1), fpOf(2), fpOf(3))
			}
			if n, err := st.removeProtected(ctx, []string{fpOf(1), fpOf(9)}); err != nil || n != 1 {
				t.Fatalf("remove: %d, %v", n, err)
			}
			if list, _ := st.listProtected(ctx, now); len(list) != 1 || list[0].FP != fpOf(2) {
				t.Fatalf("after remove: %v", list)
			}
		})
	}
}

// TestStoreCampaignCounts checks distinct clients within the window and
// the one-time claim, for both stores.
func TestStoreCampaignCounts(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	window := time.Hour
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			fp := fpOf(100)
			for i, client := range []uint64{1, 2, 2, 3, 1} {
				n, err := st.observe(ctx, fp, client, now.Add(time.Duration(i)*time.Second), window, 10)
				if err != nil {
					t.Fatal(err)
				}
				if want := []int{1, 2, 2, 3, 3}[i]; n != want {
					t.Fatalf("observation %d: %d clients, want %d", i, n, want)
				}
			}
			// far later, the window has slid past them all
			if n, _ := st.observe(ctx, fp, 4, now.Add(3*window), window, 10); n != 1 {
				t.Fatalf("after the window: %d clients, want 1", n)
			}
			first, err := st.claimCampaign(ctx, fp, window)
			if err != nil || !first {
				t.Fatalf("first claim: %v, %v", first, err)
			}
			if again, _ := st.claimCampaign(ctx, fp, window); again {
				t.Fatal("the alert was claimed twice")
			}
		})
	}
}
