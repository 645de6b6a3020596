package piiapp

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// waitFor polls cond every sync interval, up to limit polls, and reports
// whether it came true: the number of polls, not the clock, bounds it.
func waitFor(cond func() bool, limit int) bool {
	for range limit {
		if cond() {
			return true
		}
		time.Sleep(syncInterval)
	}
	return cond()
}

// TestStatesShareTheListThroughRedis checks, with two states on one real
// Redis (two instances of a fleet), that a change through one is in force
// in the other after its next sync; that while Redis is down both keep
// the last known list and say so; and that a Redis that comes back empty
// gets the list back.
func TestStatesShareTheListThroughRedis(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "t:"}
	key := []byte(strings.Repeat("k", 32))
	a, b := newState(cfg, "", key, ""), newState(cfg, "", key, "")
	t.Cleanup(func() { _ = a.Destruct(); _ = b.Destruct() })
	ctx := context.Background()

	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}, {FP: fpOf(2)}}); err != nil {
		t.Fatal(err)
	}
	if !a.set.Has(fpOf(1)) {
		t.Fatal("not in force on the instance that added it when protect returned")
	}
	if !waitFor(func() bool { return b.set.Has(fpOf(1)) && b.set.Has(fpOf(2)) }, 8) {
		t.Fatal("not in force on the other instance after 8 syncs")
	}

	srv.Stop()
	for _, s := range []*state{a, b} {
		for range downAfter {
			if err := s.sync(ctx); err == nil {
				t.Fatal("sync with Redis down did not fail")
			}
		}
		if !s.down.Load() || s.set.Len() != 2 {
			t.Fatalf("Redis down: down %v, %d protected (want the last known 2)", s.down.Load(), s.set.Len())
		}
	}
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(3)}}); err == nil {
		t.Fatal("protect with Redis down did not say the fleet lacks it")
	}
	if !a.set.Has(fpOf(3)) {
		t.Fatal("protect with Redis down is not in force on the instance that made it")
	}

	srv.Restart() // AOF: nothing lost
	if !waitFor(func() bool { return !a.down.Load() && !b.down.Load() }, 20) {
		t.Fatal("no recovery after Redis came back")
	}
	// what a protected while Redis was down reaches b too
	if !waitFor(func() bool { return a.set.Len() == 3 && b.set.Len() == 3 }, 20) {
		t.Fatalf("after the restart: %d and %d protected, want 3", a.set.Len(), b.set.Len())
	}

	// a Redis that lost everything (no persistence, a flush) is refilled
	c := srv.Client()
	defer c.Close()
	if err := c.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if !waitFor(func() bool { return c.HLen(ctx, "t:{protected}:records").Val() == 3 }, 20) {
		t.Fatal("the last known list was not restored into an empty Redis")
	}
	if a.set.Len() != 3 || b.set.Len() != 3 {
		t.Fatalf("after the flush: %d and %d protected, want 3", a.set.Len(), b.set.Len())
	}
}

// TestFlushedStoreKeepsTheList: Redis loses its data (a flush, a new
// server) and one instance protects something new before any instance
// has noticed the loss: every instance writes back what it knew, and
// nothing protected is lost.
func TestFlushedStoreKeepsTheList(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "flush:"}
	key := []byte(strings.Repeat("k", 32))
	a, b := newState(cfg, "", key, ""), newState(cfg, "", key, "")
	t.Cleanup(func() { _ = a.Destruct(); _ = b.Destruct() })
	ctx := context.Background()
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}, {FP: fpOf(2)}}); err != nil {
		t.Fatal(err)
	}
	if !waitFor(func() bool { return b.set.Len() == 2 }, 40) {
		t.Fatal("b never saw the list")
	}
	c := srv.Client()
	defer c.Close()
	if err := c.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.protect(ctx, []protectedEntry{{FP: fpOf(3)}}); err != nil {
		t.Fatal(err)
	}
	all := func() bool {
		return a.set.Len() == 3 && b.set.Len() == 3 && c.HLen(ctx, "flush:{protected}:records").Val() == 3
	}
	if !waitFor(all, 80) {
		t.Errorf("after a flush and a new protection: a %d, b %d, redis %d; want 3 each", a.set.Len(), b.set.Len(), c.HLen(ctx, "flush:{protected}:records").Val())
	}
}

// TestOneFailedCallIsNoOutage: the store is said to be down only after
// downAfter calls in a row failed; a call that answers in between starts
// the count again.
func TestOneFailedCallIsNoOutage(t *testing.T) {
	s := &state{log: zap.NewNop(), set: detect.NewProtectedSet([]byte("k"))}
	err := errors.New("context deadline exceeded")
	s.failed(opSync, err)
	s.recovered()
	s.failed(opSync, err)
	if s.down.Load() {
		t.Fatal("down after failures that did not follow each other")
	}
	for range downAfter - 1 {
		s.failed(opSync, err)
	}
	if !s.down.Load() {
		t.Fatalf("not down after %d failures in a row", downAfter)
	}
	s.recovered()
	if s.down.Load() || s.failures.Load() != 0 {
		t.Fatal("still down after a call answered")
	}
}
