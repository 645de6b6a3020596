package piiapp

import (
	"sync"
	"time"
)

// alertMemory remembers, per instance, the campaigns whose alert this
// instance raised or found claimed, until their window ends. A store that
// lost its claims (Redis flushed, restarted without persistence) would
// otherwise let the same campaign alert again as soon as its count
// reaches the threshold once more; an instance that remembers it claims it
// in the store again without alerting. It holds at most maxAlertMemory
// campaigns (an arbitrary one is forgotten past it: that campaign may
// alert once more after a flush, within max_alerts).
type alertMemory struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// maxAlertMemory bounds the campaigns an instance remembers: ten times
// the default max_alerts per hour.
const maxAlertMemory = 10_000

// seen reports whether the alert of fp was raised or found claimed here
// within its window, at now.
func (m *alertMemory) seen(fp string, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.until[fp]
	if ok && !now.Before(u) {
		delete(m.until, fp)
		return false
	}
	return ok
}

// remember records that the alert of fp is raised or claimed until u.
func (m *alertMemory) remember(fp string, u time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.until == nil {
		m.until = make(map[string]time.Time)
	}
	if _, ok := m.until[fp]; !ok && len(m.until) >= maxAlertMemory {
		for old := range m.until {
			delete(m.until, old)
			break
		}
	}
	m.until[fp] = u
}
