package piiapp

import (
	"fmt"
	"testing"
	"time"
)

// TestClientCounterBounded checks that a flood of distinct fingerprints
// and clients keeps the counter within its bounds, forgetting the
// fingerprints seen least recently, and that each observation costs at
// most the threshold.
func TestClientCounterBounded(t *testing.T) {
	evicted := 0
	c := newClientCounter(func() { evicted++ })
	c.maxFPs, c.maxClients = 100, 250
	now := time.Now()
	const limit = 5
	for i := range 1000 {
		fp := fmt.Sprintf("%016x", i)
		for k := range uint64(limit + 3) { // more clients than the threshold
			c.observe(fp, k, now, time.Hour, limit)
		}
		fps, records := c.tracked()
		if fps > c.maxFPs || records > c.maxClients {
			t.Fatalf("after %d fingerprints: %d tracked, %d records", i+1, fps, records)
		}
	}
	if evicted == 0 {
		t.Fatal("nothing evicted")
	}
	// the last fingerprint is still counted, at the threshold
	last := fmt.Sprintf("%016x", 999)
	if n := c.observe(last, 99, now, time.Hour, limit); n != limit {
		t.Fatalf("last fingerprint: %d clients, want %d", n, limit)
	}
	if e := c.byFP[last].Value.(*fpClients); len(e.clients) > limit {
		t.Fatalf("%d clients kept for one fingerprint, threshold %d", len(e.clients), limit)
	}
}
