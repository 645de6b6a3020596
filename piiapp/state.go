package piiapp

import (
	"container/heap"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
	snapshot string // the file the records are also kept in (snapshot.go)

	mu       sync.Mutex        // serialises sync and the changes of known
	known    map[string]record // every record this instance has seen or made, tombstones included
	clock    int64             // the latest time (Unix ms) seen in a record or given to one
	version  string            // of the store's records as last read
	read     bool              // the store's records were read at least once
	stale    bool              // known holds what the store may lack: read and write back at the next sync
	lastRead time.Time         // when the store's records were last read in full
	migrated bool              // the store's list of an earlier version was looked for (legacy.go)
	ends     endHeap           // the ends of the timed protections in force (ends.go)
	journal  int               // records appended to the snapshot since it was last written whole
	written  int64             // bytes written to the snapshot file, for the tests
	down     atomic.Bool
	failures atomic.Int32 // store calls failed in a row (downAfter)

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

// fullReadInterval is how often the store's records are read in full
// even when its version says nothing changed: a safety net, and the time
// by which the records of ended timed protections are dropped from the
// store. A store restored to an older state and merged again up to the
// version an instance holds is read in full at the next sync, its head
// naming another merge (redisStore.changedSince); between full reads an
// instance reads only what changed.
const fullReadInterval = 10 * time.Minute

// newState makes the state of a store and key, with its records kept in
// the snapshot file too, and starts its sync loop. The snapshot's records
// are in force at once; the first sync merges them with the store's and
// writes back what the store lacks (a Redis that lost data while this
// instance was down, or the memory store of a fresh process).
func newState(cfg StoreConfig, password string, key []byte, snapshot string) *state {
	m := metrics()
	s := &state{
		set:      detect.NewProtectedSet(key),
		fallback: newClientCounter(m.evictions.Inc),
		log:      caddy.Log().Named("pii.store"),
		snapshot: snapshot,
		known:    make(map[string]record),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	if cfg.Type == storeRedis {
		s.st = newRedisStore(cfg, password)
	} else {
		s.st = newMemoryStore(s.fallback)
	}
	if snapshot != "" {
		saved, err := loadSnapshot(snapshot, time.Now())
		if err != nil {
			s.log.Error("reading the protected list's snapshot", zap.String("file", snapshot), zap.Error(err))
		}
		s.mu.Lock()
		s.learn(saved)
		s.stale = len(saved) > 0
		s.apply(time.Now())
		s.mu.Unlock()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.sync(ctx); err != nil && s.set.Len() > 0 {
		s.log.Warn("store unreachable at start: the protected list of the snapshot is in force", zap.Int("protected", s.set.Len()))
	}
	go s.loop()
	return s
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

// compactKnown compacts every known record at t (record.compact). The
// caller holds mu.
func (s *state) compactKnown(t int64) {
	for fp, r := range s.known {
		if c, keep := r.compact(t); !keep {
			delete(s.known, fp)
		} else if c != r {
			s.known[fp] = c
		}
	}
}

// learn merges records into known, moves the clock past their times and
// returns how many records it changed. The caller holds mu.
func (s *state) learn(recs []record) int {
	changed := 0
	for _, r := range recs {
		old, ok := s.known[r.FP]
		if ok {
			r = merge(old, r)
		}
		if !ok || r != old {
			changed++
		}
		s.known[r.FP] = r
		s.clock = max(s.clock, r.Added, r.Removed)
	}
	return changed
}

// tick returns the time of a new add or removal: now, or later than any
// time seen if the clock is behind one. The caller holds mu.
func (s *state) tick(now time.Time) int64 {
	s.clock = max(now.UnixMilli(), s.clock+1)
	return s.clock
}

// apply compacts the known records (forgetting the ended ones) and puts
// the list they make in force, in the local set, the metric and the
// snapshot file, all rebuilt: what a full read of the store does. A
// change of a few records goes through refresh instead. The caller holds
// mu.
func (s *state) apply(now time.Time) {
	t := now.UnixMilli()
	s.compactKnown(t)
	fps := make([]string, 0, len(s.known))
	recs := make([]record, 0, len(s.known))
	s.ends = s.ends[:0]
	for fp, r := range s.known {
		recs = append(recs, r)
		if !r.on(t) {
			continue
		}
		fps = append(fps, fp)
		if r.Added <= r.Removed {
			s.ends = append(s.ends, protectionEnd{r.Until, fp}) // in force only until the end of a timed add
		}
	}
	heap.Init(&s.ends)
	if err := s.set.Replace(fps); err != nil {
		// cannot happen: every fingerprint was checked when read
		s.log.Error("protected list not replaced", zap.Error(err))
		return
	}
	metrics().protected.Set(float64(len(fps)))
	if s.snapshot != "" {
		n, err := saveSnapshot(s.snapshot, recs)
		s.written += n
		if err != nil {
			s.log.Error("writing the protected list's snapshot", zap.String("file", s.snapshot), zap.Error(err))
		}
		s.journal = 0
	}
}

// refresh puts in force what the known records of fps say, at a cost of
// their number whatever the size of the list: each is compacted, turned
// on or off in the local set, its end scheduled, and appended to the
// snapshot file (written whole again once the appended records outnumber
// the known ones, so the file stays within a few times the list and its
// writing costs a constant per record over time). The caller holds mu.
func (s *state) refresh(fps []string, now time.Time) {
	t := now.UnixMilli()
	var on, off []string
	recs := make([]record, 0, len(fps))
	for _, fp := range fps {
		r, ok := s.known[fp]
		if !ok {
			continue
		}
		recs = append(recs, r)
		if c, keep := r.compact(t); !keep {
			delete(s.known, fp)
		} else {
			s.known[fp] = c
		}
		if !r.on(t) {
			off = append(off, fp)
			continue
		}
		on = append(on, fp)
		if r.Added <= r.Removed {
			s.ends.add(fp, r.Until)
		}
	}
	if _, err := s.set.Change(on, off); err != nil {
		// cannot happen: every fingerprint was checked when read
		s.log.Error("protected list not changed", zap.Error(err))
		return
	}
	metrics().protected.Set(float64(s.set.Len()))
	if s.snapshot == "" || len(recs) == 0 {
		return
	}
	if s.journal+len(recs) > len(s.known)+snapshotSlack {
		s.apply(now)
		return
	}
	n, err := appendSnapshot(s.snapshot, recs)
	s.written += n
	s.journal += len(recs)
	if err != nil {
		s.log.Error("writing the protected list's snapshot", zap.String("file", s.snapshot), zap.Error(err))
	}
}

// snapshotSlack is how many records may be appended to a small list's
// snapshot before it is written whole again.
const snapshotSlack = 1024

// expire turns off the timed protections that ended by now. The caller
// holds mu.
func (s *state) expire(now time.Time) {
	if fps := s.ends.ended(now.UnixMilli()); len(fps) > 0 {
		s.refresh(fps, now)
	}
}

// sync brings the local list and the store's in step. When the store's
// version changed (or it is time for a full read, or this instance knows
// something the store may lack) it reads every record, merges them into
// what this instance knows, and writes back each record the store lacks
// or holds older: a Redis that was flushed, restarted without
// persistence or restored to an older state gets back every protection
// and every removal any running instance knows of, and a removal wins
// only as a removal record. When the store cannot be read the local list
// stays as it is: protection never fails open.
func (s *state) sync(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	v, err := s.st.protectedVersion(ctx)
	if err != nil {
		s.stale = true // what changed meanwhile is unknown: read in full once it answers
		s.failed(opSync, err)
		return err
	}
	s.expire(now)
	if s.read && !s.stale && now.Sub(s.lastRead) < fullReadInterval {
		if v == s.version {
			s.recovered()
			return nil
		}
		// read only what changed since the version this instance holds
		fps, ok, err := s.st.changedSince(ctx, s.version, v)
		if err == nil && ok {
			var recs []record
			if recs, err = s.st.getProtected(ctx, fps); err == nil {
				s.learn(recs)
				s.refresh(fps, now)
				s.version = v
				s.recovered()
				return nil
			}
		}
		if err != nil {
			s.failed(opSync, err)
			return err
		}
	}
	if m, ok := s.st.(legacyMigrator); ok && !s.migrated {
		n, err := m.migrateLegacy(ctx, now)
		if err != nil {
			s.stale = true
			s.failed(opSync, err)
			return err
		}
		s.migrated = true
		if n > 0 {
			s.log.Warn("imported the protected list of an earlier version (a sorted set) into its records; the set is kept as <prefix>protected:migrated", zap.Int("fingerprints", n))
		}
	}
	recs, err := s.st.listProtected(ctx)
	if err != nil {
		s.stale = true
		s.failed(opSync, err)
		return err
	}
	learned := s.learn(recs)
	t := now.UnixMilli()
	s.compactKnown(t)
	held := make(map[string]record, len(recs))
	var back []record
	for _, r := range recs {
		c, keep := r.compact(t)
		if !keep || c != r {
			back = append(back, r) // the store compacts or drops it
		}
		if keep {
			held[r.FP] = c
		}
	}
	lacking := 0
	for fp, k := range s.known {
		if h, ok := held[fp]; !ok || merge(h, k) != h {
			back = append(back, k)
			lacking++
		}
	}
	if len(back) > 0 {
		if lacking > 0 && s.read {
			s.log.Warn("the store lacked protected records this instance knows (flushed, restarted or restored to an older state): writing them back", zap.Int("records", lacking))
			metrics().republished.Add(float64(lacking))
		}
		if _, err := s.st.mergeProtected(ctx, back, now); err != nil {
			s.stale = true
			s.apply(now)
			s.failed(opSync, err)
			return err
		}
		if v, err = s.st.protectedVersion(ctx); err != nil {
			s.stale = true
			s.apply(now)
			s.failed(opSync, err)
			return err
		}
	}
	if learned > 0 || len(back) > 0 || !s.read {
		// a full read that finds what this instance holds (the one every
		// fullReadInterval) neither rebuilds the local list nor rewrites
		// the snapshot file: both would cost the size of the list
		s.apply(now)
	}
	s.version, s.read, s.stale, s.lastRead = v, true, false, now
	s.recovered()
	return nil
}

// downAfter is how many store calls in a row must fail before the store
// is said to be down (an error in the log, caddy_pii_store_up 0): a single
// call past redisTimeout on a loaded host recovers at the next one. Each
// failed call still falls back on its own (the last known list, campaigns
// counted in memory).
const downAfter = 2

// failed counts a failed store call and, when the store was up and this
// is the downAfter-th failure in a row, says that it is down and what
// still works.
func (s *state) failed(op string, err error) {
	m := metrics()
	m.storeErrors.WithLabelValues(op).Inc()
	if s.failures.Add(1) < downAfter {
		return // one call that timed out on a busy host is no outage
	}
	if s.down.CompareAndSwap(false, true) {
		m.storeUp.Set(0)
		s.log.Error("store unreachable: the last known protected list stays in force, campaigns are counted in memory",
			zap.String("operation", op), zap.Int("protected", s.set.Len()), zap.Error(err))
	}
}

// recovered says that the store answers again.
func (s *state) recovered() {
	s.failures.Store(0)
	if s.down.CompareAndSwap(true, false) {
		metrics().storeUp.Set(1)
		s.log.Info("store reachable again", zap.Int("protected", s.set.Len()))
	}
}

// change records adds (on) or removals of fingerprints, in force on this
// instance at once, and writes them to the store. It reports how many
// fingerprints were turned on or off here. When the store cannot be
// written the change stays in force here, and is written with the next
// sync that reaches the store; the error says the fleet does not have it
// yet.
func (s *state) change(ctx context.Context, entries []protectedEntry, on bool) (int, error) {
	s.mu.Lock()
	now := time.Now()
	t := now.UnixMilli()
	stamp := s.tick(now)
	recs := make([]record, len(entries))
	changed := 0
	for i, e := range entries {
		r := record{FP: e.FP}
		switch {
		case on && e.Until.IsZero():
			r.Added = stamp
		case on:
			r.Timed, r.Until = stamp, ms(e.Until)
		default:
			r.Removed = stamp
		}
		recs[i] = r
		old, had := s.known[e.FP]
		if had && old.on(t) != merge(old, r).on(t) || !had && r.on(t) {
			changed++
		}
	}
	s.learn(recs)
	fps := make([]string, len(recs))
	for i, r := range recs {
		fps[i] = r.FP
	}
	s.refresh(fps, now)
	s.mu.Unlock()
	if _, err := s.st.mergeProtected(ctx, recs, now); err != nil {
		s.mu.Lock()
		s.stale = true // the store lacks it: read in full and write back at the next sync
		s.mu.Unlock()
		s.failed(opProtect, err)
		return changed, fmt.Errorf("in force on this instance, not yet on the fleet (written when the store answers): %w", err)
	}
	// the change is in the store: a sync that fails now is retried by the loop
	_ = s.sync(ctx)
	return changed, nil
}

// protect adds fingerprints to the protected list, each until its end,
// and reports how many were not protected.
func (s *state) protect(ctx context.Context, entries []protectedEntry) (int, error) {
	return s.change(ctx, entries, true)
}

// unprotect removes fingerprints from the protected list (a removal
// record each) and reports how many were protected.
func (s *state) unprotect(ctx context.Context, fps []string) (int, error) {
	entries := make([]protectedEntry, len(fps))
	for i, fp := range fps {
		entries[i] = protectedEntry{FP: fp}
	}
	return s.change(ctx, entries, false)
}
