package piiapp

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// memoryStore is the store of a single instance: the records of the
// protected list and the campaign counts in the process's memory. The
// list survives config reloads (the state holding it is shared across
// them, see stateFor), and a restart through the state's snapshot file
// (snapshot.go).
type memoryStore struct {
	mu      sync.Mutex
	records map[string]record
	version uint64
	log     []logEntry // the last changeLogLen (to twice that) fingerprints merged, oldest first
	counter *clientCounter
}

// logEntry is a fingerprint merged at a version.
type logEntry struct {
	v  uint64
	fp string
}

func newMemoryStore(counter *clientCounter) *memoryStore {
	return &memoryStore{records: make(map[string]record), counter: counter}
}

func (m *memoryStore) mergeProtected(_ context.Context, recs []record, now time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := now.UnixMilli()
	changed := 0
	m.version++
	for _, r := range recs {
		m.log = append(m.log, logEntry{m.version, r.FP})
		old, had := m.records[r.FP]
		nr := r
		if had {
			nr = merge(old, r)
		}
		nr, keep := nr.compact(t)
		if (had && old.on(t)) != nr.on(t) {
			changed++
		}
		if keep {
			m.records[r.FP] = nr
		} else {
			delete(m.records, r.FP)
		}
	}
	if len(m.log) > 2*changeLogLen {
		m.log = append(m.log[:0], m.log[len(m.log)-changeLogLen:]...) // amortised: once per changeLogLen entries
	}
	return changed, nil
}

func (m *memoryStore) changedSince(_ context.Context, from, to string) ([]string, bool, error) {
	f, t, ok := logRange(from, to)
	if !ok {
		return nil, false, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	// the entries after f are at the log's end: walk back to them
	i := len(m.log)
	for i > 0 && m.log[i-1].v > f {
		i--
	}
	if i == 0 {
		return nil, false, nil // cut after from: what changed right after it may be lost
	}
	var log changeLog
	for _, e := range m.log[i:] {
		if e.v <= t {
			log.add(e.v, e.fp)
		}
	}
	fps, ok := log.since(f, t)
	return fps, ok, nil
}

func (m *memoryStore) getProtected(_ context.Context, fps []string) ([]record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]record, 0, len(fps))
	for _, fp := range fps {
		if r, ok := m.records[fp]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func (m *memoryStore) protectedVersion(context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.version == 0 {
		return "", nil
	}
	return strconv.FormatUint(m.version, 10), nil
}

func (m *memoryStore) listProtected(context.Context) ([]record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]record, 0, len(m.records))
	for _, r := range m.records {
		out = append(out, r)
	}
	return out, nil
}

func (m *memoryStore) observe(_ context.Context, fp string, client uint64, now time.Time, window time.Duration, limit int) (int, error) {
	return m.counter.observe(fp, client, now, window, limit), nil
}

func (m *memoryStore) claimCampaign(_ context.Context, fp string, ttl time.Duration) (bool, error) {
	return m.counter.claim(fp, time.Now(), ttl), nil
}

func (m *memoryStore) takeQuota(_ context.Context, name string, now time.Time, per time.Duration) (int, error) {
	return m.counter.take(name, now, per), nil
}

func (m *memoryStore) close() error { return nil }
