//go:build !race

package bodyformat

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// The allocation bounds are left out under the race detector, which
// allocates for itself and makes sync.Pool drop objects at random.

// allocatedPerByte returns the bytes f allocates per byte of an input n
// bytes long (counted, not timed). f runs after a collection, with
// collections off and on one P, so that what it finds in its sync.Pools
// does not hang on the machine's load: a collection that starts
// mid-measurement (when depends on how fast its workers run) empties the
// pools at no fixed point, and a goroutine moved to another P misses the
// object its first P holds.
func allocatedPerByte(n int, f func()) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// TestMarkupViewAllocationPerByte: building the markup view of a body of
// tags allocates a bounded number of bytes per byte of the body (before:
// 60 to 110 for the view alone, 100 to 170 for the whole inspection;
// now 8 to 30 and 9 to 27).
func TestMarkupViewAllocationPerByte(t *testing.T) {
	for _, tc := range deepMarkupShapes(100_000)[:4] {
		html := tc.ct == "text/html"
		raw := []byte(tc.body)
		per := allocatedPerByte(len(raw), func() {
			if _, _, _, err := markupViewDocs(raw, html, nil); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: the view allocates %.1f bytes per input byte", tc.name, per)
		if per > 32 {
			t.Errorf("%s: the markup view allocates %.1f bytes per input byte, want at most 32", tc.name, per)
		}
	}
}

// TestDeepBodiesAllocationPerByte: inspecting such bodies whole (the
// markup view, the hiding view, the engine; RTF; buffered NDJSON) stays
// within a bound of bytes per input byte.
func TestDeepBodiesAllocationPerByte(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range deepMarkupShapes(200_000) {
		body := []byte(tc.body)
		per := allocatedPerByte(len(body), func() {
			if _, err := Inspect(eng, body, tc.ct, "", Redact, Limits{}); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		})
		t.Logf("%s: %.1f bytes allocated per input byte", tc.name, per)
		if per > 64 {
			t.Errorf("%s: %.1f bytes allocated per input byte, want at most 64", tc.name, per)
		}
	}
}
