//go:build !race

package bodyformat

import "testing"

// TestHintCacheFromPool: an inspection of a JSON body takes its key-hint
// cache from the pool, not a new one: a body of records allocates no
// cache once one is pooled.
func TestHintCacheFromPool(t *testing.T) {
	eng := testEngine(t)
	body := []byte(`[{"mobile":"x","name":"y"},{"mobile":"z","name":"w"}]`)
	mustInspect(t, eng, body, "application/json", "", Redact) // (one in the pool)
	var fresh int
	for range 20 {
		c := &hintCache{gen: 1}
		hintCaches.Put(c)
		mustInspect(t, eng, body, "application/json", "", Redact)
		if got, ok := hintCaches.Get().(*hintCache); !ok || got != c {
			fresh++ // (the pool may drop an item: counted, not failed)
		}
	}
	if fresh > 2 {
		t.Fatalf("%d of 20 inspections did not give back the pooled cache", fresh)
	}
}
