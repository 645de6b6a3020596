package piiapp

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// TestSnapshotSurvivesRestart checks that the memory store's list comes
// back when a process starts again (a new state on the same snapshot),
// ended entries excepted.
func TestSnapshotSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "protected.txt")
	key := []byte(strings.Repeat("s", 32))
	ctx := context.Background()
	a := newState(StoreConfig{Type: storeMemory}, "", key, path)
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}, {FP: fpOf(2), Until: time.Now().Add(time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	_ = a.Destruct()
	b := newState(StoreConfig{Type: storeMemory}, "", key, path)
	defer b.Destruct()
	if !b.set.Has(fpOf(1)) || !b.set.Has(fpOf(2)) {
		t.Fatalf("after a restart: %d protected, want 2", b.set.Len())
	}
	if entries, _ := loadSnapshot(path, time.Now().Add(2*time.Hour)); len(entries) != 1 || entries[0].FP != fpOf(1) {
		t.Fatalf("ended entries are read back: %v", entries)
	}
}

// TestSnapshotWhileRedisIsDownAtStart checks that an instance starting
// while Redis is unreachable refuses what was protected, from its
// snapshot, and takes Redis's list once it answers.
func TestSnapshotWhileRedisIsDownAtStart(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "s:"}
	path := filepath.Join(t.TempDir(), "protected.txt")
	key := []byte(strings.Repeat("r", 32))
	ctx := context.Background()
	a := newState(cfg, "", key, path)
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}}); err != nil {
		t.Fatal(err)
	}
	_ = a.Destruct()
	srv.Stop()
	b := newState(cfg, "", key, path)
	defer b.Destruct()
	if !b.set.Has(fpOf(1)) {
		t.Fatal("starting with Redis down: the snapshot's list is not in force")
	}
	srv.Restart()
	// another instance adds one while b was cut off: b takes Redis's list
	other := newRedisStore(cfg, "")
	defer other.close()
	if _, err := other.mergeProtected(ctx, []record{{FP: fpOf(2), Added: time.Now().UnixMilli()}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !waitFor(func() bool { return b.set.Has(fpOf(1)) && b.set.Has(fpOf(2)) }, 20) {
		t.Fatalf("after Redis came back: %d protected, want 2", b.set.Len())
	}
}

// TestSnapshotRefillsAnEmptyRedisAtStart checks that an instance starting
// on a Redis that lost everything while it was down gives Redis its
// snapshot's list back.
func TestSnapshotRefillsAnEmptyRedisAtStart(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "e:"}
	path := filepath.Join(t.TempDir(), "protected.txt")
	key := []byte(strings.Repeat("e", 32))
	ctx := context.Background()
	a := newState(cfg, "", key, path)
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(7)}}); err != nil {
		t.Fatal(err)
	}
	_ = a.Destruct()
	c := srv.Client()
	defer c.Close()
	if err := c.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	b := newState(cfg, "", key, path)
	defer b.Destruct()
	if !b.set.Has(fpOf(7)) || c.HExists(ctx, "e:{protected}:records", fpOf(7)).Val() != true {
		t.Fatalf("after starting on an empty Redis: protected locally %v, in Redis %v", b.set.Has(fpOf(7)), c.HExists(ctx, "e:{protected}:records", fpOf(7)).Val())
	}
}
