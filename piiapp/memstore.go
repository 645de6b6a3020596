package piiapp

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// memoryStore is the store of a single instance: the protected list and
// the campaign counts in the process's memory. The list survives config
// reloads (the state holding it is shared across them, see stateFor), and
// a restart through the state's snapshot file (snapshot.go).
type memoryStore struct {
	mu        sync.Mutex
	protected map[string]time.Time
	version   uint64
	counter   *clientCounter
}

func newMemoryStore(counter *clientCounter) *memoryStore {
	return &memoryStore{protected: make(map[string]time.Time), counter: counter}
}

func (m *memoryStore) addProtected(_ context.Context, entries []protectedEntry) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	added := 0
	for _, e := range entries {
		old, ok := m.protected[e.FP]
		switch {
		case !ok:
			added++
			m.protected[e.FP] = e.Until
		case old.IsZero():
		case e.Until.IsZero() || e.Until.After(old):
			m.protected[e.FP] = e.Until
		}
	}
	m.version++
	return added, nil
}

func (m *memoryStore) removeProtected(_ context.Context, fps []string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	removed := 0
	for _, fp := range fps {
		if _, ok := m.protected[fp]; ok {
			delete(m.protected, fp)
			removed++
		}
	}
	m.version++
	return removed, nil
}

func (m *memoryStore) protectedVersion(context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return strconv.FormatUint(m.version, 10), nil
}

func (m *memoryStore) listProtected(_ context.Context, now time.Time) ([]protectedEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]protectedEntry, 0, len(m.protected))
	for fp, until := range m.protected {
		if !until.IsZero() && !now.Before(until) {
			delete(m.protected, fp)
			continue
		}
		out = append(out, protectedEntry{FP: fp, Until: until})
	}
	return out, nil
}

func (m *memoryStore) observe(_ context.Context, fp string, client uint64, now time.Time, window time.Duration, limit int) (int, error) {
	return m.counter.observe(fp, client, now, window, limit), nil
}

func (m *memoryStore) claimCampaign(_ context.Context, fp string, ttl time.Duration) (bool, error) {
	return m.counter.claim(fp, time.Now(), ttl), nil
}

func (m *memoryStore) close() error { return nil }
