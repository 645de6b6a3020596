package piiapp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// state is what outlives a config reload: the store, the local copy of the
// protected list that every lookup reads (a detect.ProtectedSet), and the
// loop that keeps that copy in step with the store. Configs with the same
// store and key share one state (see stateFor), so a reload neither drops
// the list nor makes a new connection.
type state struct {
	set      *detect.ProtectedSet
	st       store
	fallback *clientCounter // campaign counts when the store fails (the memory store's own counter)
	log      *zap.Logger
	snapshot string // the file the list is also kept in (snapshot.go)

	mu      sync.Mutex // serialises sync
	version string     // of the list as last read from the store
	synced  bool       // a list was read at least once
	entries []protectedEntry
	nextEnd time.Time // the earliest end of an entry, zero if none ends
	down    atomic.Bool

	stop, done chan struct{}
}

// syncInterval is how often the local list is compared with the store's:
// a change made through any instance is in force everywhere within it
// (plus one store call).
const syncInterval = 250 * time.Millisecond

// states holds the state of each store and key in use.
var states = caddy.NewUsagePool()

// stateKey names the state of a store and key: the key enters only through
// a hash, the password too.
func stateKey(cfg StoreConfig, password string, key []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s\x00%t\x00%s\x00", cfg.Type, cfg.Address, cfg.DB, cfg.Prefix, cfg.TLS, password)
	h.Write(key)
	return hex.EncodeToString(h.Sum(nil))
}

// stateFor returns the state of a store and key, made (and its first sync
// tried) if no config uses it yet. Each call must be matched by a
// states.Delete of the returned pool key.
func stateFor(cfg StoreConfig, password string, key []byte) (*state, string, error) {
	pk := stateKey(cfg, password, key)
	v, _, err := states.LoadOrNew(pk, func() (caddy.Destructor, error) {
		return newState(cfg, password, key, snapshotPath(pk)), nil
	})
	if err != nil {
		return nil, "", err
	}
	return v.(*state), pk, nil
}

// newState makes the state of a store and key, with its list kept in the
// snapshot file too, and starts its sync loop. The memory store starts
// with the snapshot's list; a Redis store that cannot be read at once
// leaves the snapshot's list in force until it can.
func newState(cfg StoreConfig, password string, key []byte, snapshot string) *state {
	m := metrics()
	s := &state{
		set:      detect.NewProtectedSet(key),
		fallback: newClientCounter(m.evictions.Inc),
		log:      caddy.Log().Named("pii.store"),
		snapshot: snapshot,
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	if cfg.Type == storeRedis {
		s.st = newRedisStore(cfg, password)
	} else {
		s.st = newMemoryStore(s.fallback)
	}
	var saved []protectedEntry
	if snapshot != "" {
		var err error
		if saved, err = loadSnapshot(snapshot, time.Now()); err != nil {
			s.log.Error("reading the protected list's snapshot", zap.String("file", snapshot), zap.Error(err))
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if len(saved) > 0 {
		if cfg.Type != storeRedis {
			_, _ = s.st.addProtected(ctx, saved) // the memory store does not fail
		}
		s.useSnapshot(saved)
	}
	if err := s.sync(ctx); err != nil && len(saved) > 0 {
		s.log.Warn("store unreachable at start: the protected list of the snapshot is in force", zap.Int("protected", len(saved)))
	}
	go s.loop()
	return s
}

// useSnapshot puts the snapshot's entries in force until the store is
// read. They count as the last known list: a store found empty (a Redis
// that lost its data while this instance was down too) gets them back.
func (s *state) useSnapshot(entries []protectedEntry) {
	fps := make([]string, len(entries))
	for i, e := range entries {
		fps[i] = e.FP
	}
	if err := s.set.Replace(fps); err != nil {
		return
	}
	s.entries, s.synced, s.version = entries, true, ""
	metrics().protected.Set(float64(len(fps)))
}

// loop syncs the local list with the store until the state is destructed.
func (s *state) loop() {
	defer close(s.done)
	t := time.NewTicker(syncInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_ = s.sync(ctx)
			cancel()
		}
	}
}

// Destruct stops the loop and closes the store, when no config uses the
// state any more.
func (s *state) Destruct() error {
	close(s.stop)
	<-s.done
	return s.st.close()
}

// sync makes the local list the store's, if it changed or an entry ended.
// When the store cannot be read the local list stays as it is: protection
// never fails open. A store that answers with no list at all after having
// had one (a Redis restarted without persistence) gets the last known list
// back.
func (s *state) sync(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	v, err := s.st.protectedVersion(ctx)
	if err == nil && (v == "" || epochChanged(v, s.version)) && s.synced && len(s.entries) > 0 {
		s.log.Warn("the store lost the protected list: restoring the last known one", zap.Int("protected", len(s.entries)))
		if _, err = s.st.addProtected(ctx, s.entries); err == nil {
			v, err = s.st.protectedVersion(ctx)
		}
	}
	if err != nil {
		s.failed(opSync, err)
		return err
	}
	if s.synced && v == s.version && (s.nextEnd.IsZero() || now.Before(s.nextEnd)) {
		s.recovered()
		return nil
	}
	entries, err := s.st.listProtected(ctx, now)
	if err != nil {
		s.failed(opSync, err)
		return err
	}
	fps := make([]string, len(entries))
	var next time.Time
	for i, e := range entries {
		fps[i] = e.FP
		if !e.Until.IsZero() && (next.IsZero() || e.Until.Before(next)) {
			next = e.Until
		}
	}
	if err := s.set.Replace(fps); err != nil {
		// a malformed member, written by something else under the prefix
		s.failed(opSync, err)
		return err
	}
	s.entries, s.version, s.synced, s.nextEnd = entries, v, true, next
	metrics().protected.Set(float64(len(fps)))
	if s.snapshot != "" {
		if err := saveSnapshot(s.snapshot, entries); err != nil {
			s.log.Error("writing the protected list's snapshot", zap.String("file", s.snapshot), zap.Error(err))
		}
	}
	s.recovered()
	return nil
}

// failed counts a failed store call and, when the store was up, says that
// it is down and what still works.
func (s *state) failed(op string, err error) {
	m := metrics()
	m.storeErrors.WithLabelValues(op).Inc()
	if s.down.CompareAndSwap(false, true) {
		m.storeUp.Set(0)
		s.log.Error("store unreachable: the last known protected list stays in force, campaigns are counted in memory",
			zap.String("operation", op), zap.Int("protected", s.set.Len()), zap.Error(err))
	}
}

// recovered says that the store answers again.
func (s *state) recovered() {
	if s.down.CompareAndSwap(true, false) {
		metrics().storeUp.Set(1)
		s.log.Info("store reachable again", zap.Int("protected", s.set.Len()))
	}
}

// protect adds fingerprints to the store's list, each until its end, and
// brings the local list in step at once. It reports how many were new.
func (s *state) protect(ctx context.Context, entries []protectedEntry) (int, error) {
	n, err := s.st.addProtected(ctx, entries)
	if err != nil {
		s.failed(opProtect, err)
		return 0, err
	}
	return n, s.sync(ctx)
}

// unprotect removes fingerprints from the store's list and brings the
// local list in step at once. It reports how many were there.
func (s *state) unprotect(ctx context.Context, fps []string) (int, error) {
	n, err := s.st.removeProtected(ctx, fps)
	if err != nil {
		s.failed(opProtect, err)
		return 0, err
	}
	return n, s.sync(ctx)
}

// epochChanged reports whether version v is of another epoch than the one last
// synced: the store lost its data and was written again since (see
// redisStore.protectedVersion). Versions without an epoch (the memory
// store's) have none to lose.
func epochChanged(v, last string) bool {
	e, _, ok := strings.Cut(v, ":")
	l, _, lok := strings.Cut(last, ":")
	return ok && lok && e != l
}
