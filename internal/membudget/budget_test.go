package membudget

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestReservationsWithinTheLimitSucceedAndCloseGivesAllBack(t *testing.T) {
	b := New(100)
	l := b.Lease(t.Context(), 0)
	if err := l.Reserve(60); err != nil {
		t.Fatal(err)
	}
	if err := l.Reserve(40); err != nil {
		t.Fatal(err)
	}
	if b.Used() != 100 || l.Held() != 100 {
		t.Fatalf("used %d, held %d", b.Used(), l.Held())
	}
	l.Release(30)
	if b.Used() != 70 {
		t.Fatalf("after release: used %d", b.Used())
	}
	l.Close()
	if b.Used() != 0 || l.Held() != 0 {
		t.Fatalf("after close: used %d, held %d", b.Used(), l.Held())
	}
	l.Close() // twice is harmless
	l.Release(5)
	if b.Used() != 0 {
		t.Fatalf("release past what is held: used %d", b.Used())
	}
}

func TestExhaustedWithoutWaitFailsAtOnceAndTakesNothing(t *testing.T) {
	b := New(100)
	a := b.Lease(t.Context(), 0)
	if err := a.Reserve(80); err != nil {
		t.Fatal(err)
	}
	c := b.Lease(t.Context(), 0)
	if err := c.Reserve(30); !errors.Is(err, ErrExhausted) {
		t.Fatalf("over the limit: %v", err)
	}
	if b.Used() != 80 || c.Held() != 0 {
		t.Fatalf("a failed reservation took bytes: used %d, held %d", b.Used(), c.Held())
	}
}

func TestMoreThanTheWholeLimitNeverWaits(t *testing.T) {
	b := New(100)
	// an hour of wait: the test would hang if the reservation waited
	if err := b.Lease(t.Context(), time.Hour).Reserve(101); !errors.Is(err, ErrExhausted) {
		t.Fatalf("more than the limit: %v", err)
	}
}

func TestAWaitingReservationEndsWithItsContext(t *testing.T) {
	b := New(100)
	hog := b.Lease(t.Context(), 0)
	if err := hog.Reserve(100); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- b.Lease(ctx, time.Hour).Reserve(1) }()
	cancel()
	err := <-done
	if !errors.Is(err, ErrExhausted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled wait: %v", err)
	}
	if b.Used() != 100 {
		t.Fatalf("used %d", b.Used())
	}
}

func TestAWaitingReservationGetsTheBytesReleased(t *testing.T) {
	b := New(100)
	hog := b.Lease(t.Context(), 0)
	if err := hog.Reserve(100); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- b.Lease(t.Context(), time.Hour).Reserve(50) }()
	// whether or not the reservation is already waiting, the release
	// makes room for it and it succeeds
	hog.Release(50)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if b.Used() != 100 {
		t.Fatalf("used %d", b.Used())
	}
}

func TestConcurrentLeasesNeverExceedTheLimit(t *testing.T) {
	b := New(1000)
	var wg sync.WaitGroup
	var mu sync.Mutex
	peak := int64(0)
	for range 16 {
		wg.Go(func() {
			l := b.Lease(t.Context(), time.Hour)
			for range 200 {
				if err := l.Reserve(100); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				peak = max(peak, b.Used())
				mu.Unlock()
				l.Close()
			}
		})
	}
	wg.Wait()
	if peak > 1000 || b.Used() != 0 {
		t.Fatalf("peak %d, used at the end %d", peak, b.Used())
	}
}

func TestLimitOwnership(t *testing.T) {
	b := New(DefaultLimit)
	oldApp, newApp := new(int), new(int)
	b.SetLimit(oldApp, 10, time.Second)
	b.SetLimit(newApp, 20, time.Minute) // a reload starts the new configuration first
	b.ResetLimit(oldApp)                // then stops the old one
	if b.Limit() != 20 || b.Wait() != time.Minute {
		t.Fatalf("the old configuration's stop undid the new limit: %d, %v", b.Limit(), b.Wait())
	}
	b.ResetLimit(newApp) // a reload to a configuration without a limit
	if b.Limit() != DefaultLimit || b.Wait() != DefaultWait {
		t.Fatalf("limit %d, wait %v after its owner stopped", b.Limit(), b.Wait())
	}
}
