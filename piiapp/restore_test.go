package piiapp

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// TestRestoredRedisLosesNoProtection runs two instances on a real Redis
// and restores Redis to a backup taken before an add and a removal: the
// instances write back what the backup lacks, so the later add stays in
// force and the removed value stays unprotected (its removal record wins
// over the backup's older add), on both and on an instance started
// afterwards. Then a flush and a restart: nothing changes either.
func TestRestoredRedisLosesNoProtection(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "r:"}
	key := []byte(strings.Repeat("q", 32))
	a, b := newState(cfg, "", key, ""), newState(cfg, "", key, "")
	t.Cleanup(func() { _ = a.Destruct(); _ = b.Destruct() })
	ctx := context.Background()
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}, {FP: fpOf(2)}}); err != nil {
		t.Fatal(err)
	}
	if !waitFor(func() bool { return b.set.Has(fpOf(1)) && b.set.Has(fpOf(2)) }, 20) {
		t.Fatal("b never saw the list")
	}
	backup := srv.Save() // holds fp1 and fp2, added

	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(3)}}); err != nil {
		t.Fatal(err)
	}
	if n, err := b.unprotect(ctx, []string{fpOf(1)}); err != nil || n != 1 {
		t.Fatalf("unprotect: %d, %v", n, err)
	}
	want := func(s *state) bool {
		return !s.set.Has(fpOf(1)) && s.set.Has(fpOf(2)) && s.set.Has(fpOf(3)) && s.set.Len() == 2
	}
	if !waitFor(func() bool { return want(a) && want(b) }, 20) {
		t.Fatal("the add and the removal did not reach both instances")
	}

	c := srv.Client()
	defer c.Close()
	inRedis := func() bool {
		recs, err := newRedisStoreForTest(t, cfg).listProtected(ctx)
		if err != nil {
			return false
		}
		s := &state{known: map[string]record{}}
		s.learn(recs)
		now := time.Now().UnixMilli()
		return !s.known[fpOf(1)].on(now) && s.known[fpOf(1)].Removed != 0 && s.known[fpOf(2)].on(now) && s.known[fpOf(3)].on(now)
	}

	srv.RestoreSaved(backup)
	if !waitFor(func() bool { return want(a) && want(b) && inRedis() }, 40) {
		t.Fatalf("after restoring an older backup: a %d, b %d protected; Redis corrected %v", a.set.Len(), b.set.Len(), inRedis())
	}
	late := newState(cfg, "", key, "")
	defer late.Destruct()
	if !want(late) {
		t.Fatalf("an instance started after the restore: %d protected, fp1 %v", late.set.Len(), late.set.Has(fpOf(1)))
	}

	if err := c.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if !waitFor(func() bool { return want(a) && want(b) && inRedis() }, 40) {
		t.Fatal("after a flush: protection lost or the removal forgotten")
	}
	srv.Restart()
	if !waitFor(func() bool { return !a.down.Load() && want(a) && want(b) && inRedis() }, 40) {
		t.Fatal("after a restart: protection lost or the removal forgotten")
	}
}

// TestStaleInstanceDoesNotUndoARemoval: an instance stopped while a value
// was protected starts again, from its snapshot, after the value was
// removed elsewhere: the removal record wins, and the instance neither
// refuses the value nor protects it again in Redis.
func TestStaleInstanceDoesNotUndoARemoval(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "st:"}
	key := []byte(strings.Repeat("w", 32))
	path := filepath.Join(t.TempDir(), "protected.txt")
	ctx := context.Background()
	stale := newState(cfg, "", key, path)
	if _, err := stale.protect(ctx, []protectedEntry{{FP: fpOf(5)}}); err != nil {
		t.Fatal(err)
	}
	_ = stale.Destruct() // its snapshot holds fp5, added

	a := newState(cfg, "", key, "")
	defer a.Destruct()
	if n, err := a.unprotect(ctx, []string{fpOf(5)}); err != nil || n != 1 {
		t.Fatalf("unprotect: %d, %v", n, err)
	}
	again := newState(cfg, "", key, path)
	defer again.Destruct()
	if again.set.Has(fpOf(5)) {
		t.Fatal("a stale snapshot undid the removal on its instance")
	}
	for range 4 {
		_ = a.sync(ctx)
	}
	if a.set.Has(fpOf(5)) {
		t.Fatal("a stale snapshot undid the removal on the fleet")
	}
}

// newRedisStoreForTest returns a store on cfg's Redis, closed when t ends.
func newRedisStoreForTest(t *testing.T, cfg StoreConfig) *redisStore {
	s := newRedisStore(cfg, "")
	t.Cleanup(func() { _ = s.close() })
	return s
}

// TestMergeConverges checks that merging records is commutative,
// associative and idempotent, and that compacting never changes whether a
// fingerprint is protected from then on, over random records: instances converge whatever order
// the changes reach them in.
func TestMergeConverges(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rec := func() record {
		r := record{FP: fpOf(1)}
		if rng.IntN(3) == 0 {
			r.Added = rng.Int64N(100) + 1
		}
		if rng.IntN(2) == 0 {
			r.Timed = rng.Int64N(100) + 1
			r.Until = r.Timed + rng.Int64N(100)
		}
		if rng.IntN(3) == 0 {
			r.Removed = rng.Int64N(100) + 1
		}
		return r
	}
	for range 20_000 {
		x, y, z := rec(), rec(), rec()
		if merge(x, y) != merge(y, x) {
			t.Fatalf("not commutative: %+v %+v", x, y)
		}
		if merge(x, x) != x {
			t.Fatalf("not idempotent: %+v", x)
		}
		if l, r := merge(merge(x, y), z), merge(x, merge(y, z)); l != r {
			t.Fatalf("not associative: %+v %+v %+v", x, y, z)
		}
		m := merge(x, y)
		at := rng.Int64N(220)
		c, keep := m.compact(at)
		for now := at; now < 220; now += 7 {
			if m.on(now) != (keep && c.on(now)) {
				t.Fatalf("compacting at %d changed protection at %d: %+v → %+v", at, now, m, c)
			}
		}
	}
}

// TestRestoredToTheSameVersionReadInFull: Redis restored to a backup and
// then merged into again up to the version counter an instance holds has
// other contents under that counter; the merge token in the head tells
// the instance, whose next sync reads the store in full at once rather
// than at its next periodic full read (the log of that counter names
// another merge).
func TestRestoredToTheSameVersionReadInFull(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "same:"}
	a := newState(cfg, "", []byte(strings.Repeat("s", 32)), "")
	stopLoop(t, a)
	ctx := context.Background()
	sync := func() {
		t.Helper()
		var err error
		for range 10 { // the first calls after a restart may find the connection closed
			if err = a.sync(ctx); err == nil {
				return
			}
		}
		t.Fatal(err)
	}
	other := newRedisStoreForTest(t, cfg) // another instance's writes
	merge := func(fp string) {
		t.Helper()
		var err error
		for range 10 {
			if _, err = other.mergeProtected(ctx, []record{{FP: fp, Added: time.Now().UnixMilli()}}, time.Now()); err == nil {
				return
			}
		}
		t.Fatal(err)
	}
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}}); err != nil {
		t.Fatal(err)
	}
	sync()
	backup := srv.Save()
	merge(fpOf(2))
	sync()
	held := a.version
	if !a.set.Has(fpOf(2)) {
		t.Fatal("the other instance's add was not read")
	}
	srv.RestoreSaved(backup) // fp2 and its version are gone
	merge(fpOf(3))           // the counter is back to what a holds
	if v, err := other.protectedVersion(ctx); err != nil || v == held || !strings.HasPrefix(v, strings.SplitN(held, ":", 2)[0]+":") {
		t.Fatalf("version after the restore and a merge: %q (%v), a holds %q", v, err, held)
	}
	sync()
	if !a.set.Has(fpOf(3)) || !a.set.Has(fpOf(2)) || !a.set.Has(fpOf(1)) {
		t.Fatalf("after the restore: fp1 %v, fp2 %v, fp3 %v", a.set.Has(fpOf(1)), a.set.Has(fpOf(2)), a.set.Has(fpOf(3)))
	}
}
