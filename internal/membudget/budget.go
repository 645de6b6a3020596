// Package membudget is the byte budget of everything the filter holds for
// inspection at once: buffered bodies, decompressed data, stream
// hold-backs. There is one budget per process (Process), shared by every
// pii_filter handler and pii matcher of every loaded configuration, since
// a config reload makes new handlers while the old ones still hold the
// bodies of requests in flight. The pii app sets its limit.
//
// A request takes a Lease, reserves bytes before it allocates them, and
// closes the lease when it ends, which gives back everything it reserved.
// A reservation that does not fit waits a little for others to release
// (bounded, and never past the request's context), then fails with
// ErrExhausted: the caller refuses the request rather than inspect it
// without the memory, and rather than let it through uninspected.
package membudget

import (
	"errors"
	"sync"
	"time"
)

// DefaultLimit is the limit of Process until a pii app sets one. Go's
// collector lets the heap grow to about twice what is live before it
// collects, so a process whose requests hold the whole budget may reach
// twice the budget plus its own base in resident memory: 160 MiB keeps a
// Caddy under hostile load below 512 MiB with room to spare (about 440 MiB
// measured with 32 concurrent 8 MiB bodies; 192 MiB reached 502).
const DefaultLimit = 160 << 20

// DefaultWait is how long a request's reservations wait, in all, for the
// budget to free up before they fail, until a pii app sets it.
const DefaultWait = 5 * time.Second

// ErrExhausted is returned by a reservation the budget cannot make: more
// than the whole limit, or more than is free after waiting.
var ErrExhausted = errors.New("memory budget for inspection exhausted")

// Process is the budget of the process.
var Process = New(DefaultLimit)

// Budget is a number of bytes shared by leases. Its zero value has no
// room; make one with New.
type Budget struct {
	mu    sync.Mutex
	limit int64
	used  int64
	wait  time.Duration // how long a request's reservations may wait (Wait)
	owner any           // who set the limit (SetLimit), for ResetLimit
	freed chan struct{} // closed, and replaced, whenever bytes are released
}

// New returns a budget of limit bytes whose requests wait DefaultWait.
func New(limit int64) *Budget {
	return &Budget{limit: limit, wait: DefaultWait, freed: make(chan struct{})}
}

// SetLimit sets the limit and the wait, on behalf of owner (the pii app of
// the configuration that starts). Bytes already reserved stay reserved: a
// lower limit only makes new reservations wait or fail until they are
// released.
func (b *Budget) SetLimit(owner any, limit int64, wait time.Duration) {
	b.mu.Lock()
	b.limit, b.wait, b.owner = limit, wait, owner
	b.wake()
	b.mu.Unlock()
}

// ResetLimit puts the limit and the wait back to their defaults if owner
// is the last to have set them: the configuration that set them stops and
// no other took over.
func (b *Budget) ResetLimit(owner any) {
	b.mu.Lock()
	if b.owner == owner {
		b.limit, b.wait, b.owner = DefaultLimit, DefaultWait, nil
		b.wake()
	}
	b.mu.Unlock()
}

// Wait returns how long a request's reservations may wait, in all.
func (b *Budget) Wait() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.wait
}

// Limit returns the limit in bytes.
func (b *Budget) Limit() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.limit
}

// Used returns the bytes reserved by all open leases.
func (b *Budget) Used() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

// wake tells the waiting reservations that room may have been made.
// Callers hold b.mu.
func (b *Budget) wake() {
	close(b.freed)
	b.freed = make(chan struct{})
}

// take reserves n bytes if they fit. Otherwise it returns the channel
// closed at the next release, or nil if n can never fit.
func (b *Budget) take(n int64) (ok bool, freed <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case n > b.limit:
		return false, nil
	case b.used+n <= b.limit:
		b.used += n
		return true, nil
	}
	return false, b.freed
}

// give releases n bytes.
func (b *Budget) give(n int64) {
	if n <= 0 {
		return
	}
	b.mu.Lock()
	b.used -= n
	b.wake()
	b.mu.Unlock()
}
