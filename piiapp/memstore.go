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
	counter *clientCounter
}

func newMemoryStore(counter *clientCounter) *memoryStore {
	return &memoryStore{records: make(map[string]record), counter: counter}
}

func (m *memoryStore) mergeProtected(_ context.Context, recs []record, now time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := now.UnixMilli()
	changed := 0
	for _, r := range recs {
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
	m.version++
	return changed, nil
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
