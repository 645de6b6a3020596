package piiapp

import (
	"context"
	"fmt"
	"math/rand/v2"
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

// TestStoreProtectedList checks merging records, the version and the
// ends of protections, the same for both stores.
func TestStoreProtectedList(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	t0 := now.UnixMilli()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			if v, err := st.protectedVersion(ctx); err != nil || v != "" {
				t.Fatalf("fresh store version %q, %v", v, err)
			}
			n, err := st.mergeProtected(ctx, []record{
				{FP: fpOf(1), Added: t0},
				{FP: fpOf(2), Timed: t0, Until: t0 + 3_600_000},
				{FP: fpOf(3), Timed: t0, Until: t0 - 1000}, // ended: dropped
			}, now)
			if err != nil || n != 2 {
				t.Fatalf("add: %d, %v", n, err)
			}
			v1, _ := st.protectedVersion(ctx)
			// again, with an end for the one that has none: it keeps none
			if n, err := st.mergeProtected(ctx, []record{{FP: fpOf(1), Timed: t0 + 1, Until: t0 + 60_000}}, now); err != nil || n != 0 {
				t.Fatalf("add again: %d, %v", n, err)
			}
			if v2, _ := st.protectedVersion(ctx); v2 == v1 {
				t.Fatal("version unchanged by a change")
			}
			// a removal older than the add loses; a later one wins
			if n, _ := st.mergeProtected(ctx, []record{{FP: fpOf(1), Removed: t0 - 5}}, now); n != 0 {
				t.Fatalf("an older removal turned %d off", n)
			}
			if n, _ := st.mergeProtected(ctx, []record{{FP: fpOf(1), Removed: t0 + 2}, {FP: fpOf(9), Removed: t0 + 2}}, now); n != 1 {
				t.Fatalf("remove: %d turned off, want 1", n)
			}
			recs, err := st.listProtected(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]record{}
			for _, r := range recs {
				got[r.FP] = r
			}
			want := map[string]record{
				fpOf(1): {FP: fpOf(1), Timed: t0 + 1, Until: t0 + 60_000, Removed: t0 + 2}, // the add for good is compacted away
				fpOf(2): {FP: fpOf(2), Timed: t0, Until: t0 + 3_600_000},
				fpOf(9): {FP: fpOf(9), Removed: t0 + 2},
			}
			if len(got) != len(want) {
				t.Fatalf("records %v, want %v", got, want)
			}
			for fp, w := range want {
				if got[fp] != w {
					t.Errorf("record %s: %+v, want %+v", fp, got[fp], w)
				}
			}
			// the same record again changes nothing
			if n, _ := st.mergeProtected(ctx, []record{want[fpOf(2)]}, now); n != 0 {
				t.Fatalf("merging a record with itself turned %d", n)
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

// TestStoresMergeAlike applies the same random records to both stores
// (the Redis one through its Lua script) and checks they hold the same
// records and report the same changes: one merge, in Go and in Lua.
func TestStoresMergeAlike(t *testing.T) {
	ctx := context.Background()
	sts := stores(t)
	mem, rds := sts["memory"], sts["redis"]
	rng := rand.New(rand.NewPCG(3, 4))
	now := time.Now()
	t0 := now.UnixMilli()
	for round := range 300 {
		recs := make([]record, 1+rng.IntN(4))
		for i := range recs {
			r := record{FP: fpOf(rng.IntN(6))}
			switch rng.IntN(3) {
			case 0:
				r.Added = t0 + rng.Int64N(1000)
			case 1:
				r.Timed = t0 + rng.Int64N(1000)
				r.Until = t0 + rng.Int64N(2000) - 500 // some ended already
			default:
				r.Removed = t0 + rng.Int64N(1000)
			}
			recs[i] = r
		}
		at := now.Add(time.Duration(round) * time.Millisecond)
		nm, _ := mem.mergeProtected(ctx, recs, at)
		nr, err := rds.mergeProtected(ctx, recs, at)
		if err != nil {
			t.Fatal(err)
		}
		if nm != nr {
			t.Fatalf("round %d: memory changed %d, redis %d", round, nm, nr)
		}
	}
	lm, _ := mem.listProtected(ctx)
	lr, _ := rds.listProtected(ctx)
	got := map[string]record{}
	for _, r := range lr {
		got[r.FP] = r
	}
	if len(lm) != len(lr) || len(lm) == 0 {
		t.Fatalf("memory holds %d records, redis %d", len(lm), len(lr))
	}
	for _, r := range lm {
		if got[r.FP] != r {
			t.Errorf("%s: memory %+v, redis %+v", r.FP, r, got[r.FP])
		}
	}
}
