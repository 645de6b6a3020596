package membudget

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Lease is what one request holds of a budget. Its methods may be called
// from several goroutines.
type Lease struct {
	b    *Budget
	ctx  context.Context
	mu   sync.Mutex
	held int64
	wait time.Duration // what is left of the time reservations may wait
}

// Lease starts a lease on b for a request whose context is ctx (nil: none).
// Its reservations wait, in all, at most wait for room (b.Wait() for the
// budget's own).
func (b *Budget) Lease(ctx context.Context, wait time.Duration) *Lease {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Lease{b: b, ctx: ctx, wait: max(wait, 0)}
}

// Reserve reserves n more bytes (n ≤ 0 reserves nothing). When they do
// not fit it waits for releases, within what is left of the lease's wait
// and while its context is not done, then fails with an error wrapping
// ErrExhausted (or the context's error).
func (l *Lease) Reserve(n int64) error {
	if n <= 0 {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var timer *time.Timer
	for {
		ok, freed := l.b.take(n)
		if ok {
			l.held += n
			return nil
		}
		if freed == nil || l.wait <= 0 {
			return fmt.Errorf("%w: %d bytes more asked", ErrExhausted, n)
		}
		if timer == nil {
			timer = time.NewTimer(l.wait)
			defer timer.Stop()
		}
		start := time.Now()
		select {
		case <-freed:
			l.wait -= time.Since(start)
		case <-timer.C:
			l.wait = 0
		case <-l.ctx.Done():
			return fmt.Errorf("%w: %w", ErrExhausted, context.Cause(l.ctx))
		}
	}
}

// Release gives back n of the bytes the lease holds (at most all of
// them).
func (l *Lease) Release(n int64) {
	l.mu.Lock()
	n = min(max(n, 0), l.held)
	l.held -= n
	l.mu.Unlock()
	l.b.give(n)
}

// Held returns the bytes the lease holds.
func (l *Lease) Held() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.held
}

// Close gives back everything the lease holds. The lease may be used
// again afterwards.
func (l *Lease) Close() {
	l.mu.Lock()
	n := l.held
	l.held = 0
	l.mu.Unlock()
	l.b.give(n)
}
