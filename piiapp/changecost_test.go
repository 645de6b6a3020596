package piiapp

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
)

// redisTally counts the commands a client sends and the bytes of their
// arguments and replies (as the command prints them).
type redisTally struct{ cmds, bytes atomic.Int64 }

func (r *redisTally) DialHook(next redis.DialHook) redis.DialHook { return next }

func (r *redisTally) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		r.cmds.Add(1)
		r.bytes.Add(int64(len(cmd.String())))
		return err
	}
}

func (r *redisTally) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		for _, c := range cmds {
			r.cmds.Add(1)
			r.bytes.Add(int64(len(c.String())))
		}
		return err
	}
}

// stopLoop stops a state's sync loop, so that only the syncs a test makes
// run; the store is closed at cleanup.
func stopLoop(t *testing.T, s *state) {
	close(s.stop)
	<-s.done
	t.Cleanup(func() { _ = s.st.close() })
}

// changeCost is what one add and one removal of a fingerprint cost when
// the list holds size others: instance a makes them, instance b syncs
// them. It holds the Redis commands and bytes of both instances (as the
// client sees them), the bytes the Redis server read and wrote on the
// wire for them, and the bytes a writes to its snapshot file.
type changeCost struct{ cmds, bytes, wire, snapshot int64 }

// wireBytes returns the bytes the server of c has read and written on
// the wire so far, and the bytes one such call adds (measured by calling
// twice; the replies' digits aside, each call adds the same).
func wireBytes(t *testing.T, c *redis.Client) (total, own int64) {
	read := func() int64 {
		info, err := c.Info(context.Background(), "stats").Result()
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		for _, line := range strings.Split(info, "\r\n") {
			k, v, _ := strings.Cut(line, ":")
			if k == "total_net_input_bytes" || k == "total_net_output_bytes" {
				b, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				n += b
			}
		}
		return n
	}
	a := read()
	b := read()
	return b, b - a
}

func measureChange(t *testing.T, srv *redistest.Server, size int) changeCost {
	prefix := fmt.Sprintf("cost%05d:", size) // the same length: the same bytes per key
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: prefix}
	key := []byte(strings.Repeat("c", 32))
	dir := t.TempDir()
	a := newState(cfg, "", key, filepath.Join(dir, "a.txt"))
	b := newState(cfg, "", key, filepath.Join(dir, "b.txt"))
	stopLoop(t, a)
	stopLoop(t, b)
	ctx := context.Background()
	entries := make([]protectedEntry, size)
	for i := range entries {
		entries[i] = protectedEntry{FP: fpOf(i)}
		if i%2 == 0 {
			entries[i].Until = time.Now().Add(time.Hour) // timed ones too
		}
	}
	if _, err := a.protect(ctx, entries); err != nil {
		t.Fatal(err)
	}
	if err := b.sync(ctx); err != nil || b.set.Len() != size {
		t.Fatalf("b holds %d of %d (%v)", b.set.Len(), size, err)
	}
	var tally redisTally
	a.st.(*redisStore).c.AddHook(&tally)
	b.st.(*redisStore).c.AddHook(&tally)
	stats := srv.Client()
	defer stats.Close()
	written := a.written
	wire, _ := wireBytes(t, stats)
	fresh := fpOf(size + 1)
	if _, err := a.protect(ctx, []protectedEntry{{FP: fresh}}); err != nil {
		t.Fatal(err)
	}
	if err := b.sync(ctx); err != nil || !b.set.Has(fresh) {
		t.Fatalf("size %d: b did not take the add (%v)", size, err)
	}
	if _, err := a.unprotect(ctx, []string{fresh}); err != nil {
		t.Fatal(err)
	}
	if err := b.sync(ctx); err != nil || b.set.Has(fresh) || b.set.Len() != size {
		t.Fatalf("size %d: b did not take the removal (%v)", size, err)
	}
	after, own := wireBytes(t, stats)
	// less the reply to the last call of the first measure and the
	// request of the first call of the second (one call's bytes), and
	// the second call of the second measure
	wire = after - wire - 2*own
	return changeCost{tally.cmds.Load(), tally.bytes.Load(), wire, a.written - written}
}

// TestChangeCostIndependentOfListSize: an add and a removal cost each
// instance the same Redis commands, the same bytes to and from Redis and
// the same bytes of snapshot file whether the list holds 50 fingerprints
// or 5000 (it was a full read of the list by every instance and a full
// rewrite of the snapshot per change).
func TestChangeCostIndependentOfListSize(t *testing.T) {
	srv := redistest.Start(t)
	small, large := measureChange(t, srv, 50), measureChange(t, srv, 5000)
	t.Logf("one add and one removal, synced by two instances: 50 protected %+v, 5000 protected %+v", small, large)
	if small.cmds == 0 || small.snapshot == 0 {
		t.Fatalf("nothing counted: %+v", small)
	}
	if large.cmds != small.cmds || large.snapshot != small.snapshot {
		t.Errorf("commands or snapshot bytes grow with the list: 50 → %+v, 5000 → %+v", small, large)
	}
	// the bytes may differ by the digits of the numbers printed (versions, times)
	if large.bytes > small.bytes+16 || large.wire > small.wire+64 {
		t.Errorf("bytes to and from Redis grow with the list: 50 → %d (wire %d), 5000 → %d (wire %d)", small.bytes, small.wire, large.bytes, large.wire)
	}
}

// TestFullReadOfTheSameListWritesNothing: the full read every
// fullReadInterval that finds the list this instance holds neither
// rewrites the snapshot file nor rebuilds the local list (its generation,
// and with it the verdict caches, stay); one that finds a change does.
func TestFullReadOfTheSameListWritesNothing(t *testing.T) {
	srv := redistest.Start(t)
	cfg := StoreConfig{Type: storeRedis, Address: srv.Addr, Prefix: "full:"}
	s := newState(cfg, "", []byte(strings.Repeat("d", 32)), filepath.Join(t.TempDir(), "s.txt"))
	stopLoop(t, s)
	ctx := context.Background()
	entries := make([]protectedEntry, 500)
	for i := range entries {
		entries[i] = protectedEntry{FP: fpOf(i)}
	}
	if _, err := s.protect(ctx, entries); err != nil {
		t.Fatal(err)
	}
	fullRead := func() {
		t.Helper()
		s.mu.Lock()
		s.lastRead = time.Time{} // due
		s.mu.Unlock()
		if err := s.sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	fullRead()
	written, gen := s.written, s.set.Generation()
	fullRead()
	if s.written != written || s.set.Generation() != gen {
		t.Fatalf("a full read of the same list wrote %d snapshot bytes, generation %d → %d", s.written-written, gen, s.set.Generation())
	}
	// a change made behind this instance's back (another writer of the
	// store) is taken by the next full read
	if _, err := s.st.mergeProtected(ctx, []record{{FP: fpOf(900), Added: time.Now().UnixMilli()}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	fullRead()
	if !s.set.Has(fpOf(900)) || s.written == written || s.set.Generation() == gen {
		t.Fatal("a full read that found a change did not take it")
	}
}
