//go:build !race

package bodyformat

import (
	"errors"
	"runtime"
	"testing"
)

// TestReadingsAllocateWhatIsCharged: for each shape, what the runtime
// allocated during the inspection beyond what was charged (every charge,
// the readings given back and charged again included) is no more than
// two bytes a byte of the body and 1 MiB: every reading of a long piece
// built whole is charged (what is left: the garbage of arrays grown by
// doubling, the engine's own).
func TestReadingsAllocateWhatIsCharged(t *testing.T) {
	eng := testEngine(t)
	for name, body := range readingShapes() {
		t.Run(name, func(t *testing.T) {
			r := &reservations{}
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.GC() // the reading buffers pooled by what ran before go too
			runtime.ReadMemStats(&m0)
			_, err := Inspect(eng, body, "text/plain", "", Scan, Limits{Memory: r})
			runtime.ReadMemStats(&m1)
			if err != nil && !errors.Is(err, ErrWork) {
				t.Fatal(err)
			}
			alloc := int64(m1.TotalAlloc - m0.TotalAlloc)
			perByte := func(n int64) float64 { return float64(n) / float64(len(body)) }
			t.Logf("%s: allocated %.2f B/B, charged %.2f B/B, held at most %.2f B/B (err %v)", name, perByte(alloc), perByte(r.total), perByte(r.peak), err)
			if alloc-r.total > 2*int64(len(body))+1<<20 {
				t.Errorf("%s: allocated %d bytes, charged %d", name, alloc, r.total)
			}
		})
	}
}
