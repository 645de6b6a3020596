//go:build !race

package bodyformat

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestScratchPoolBytes: an inspection of dense JSON records under the
// handler's limits carves its findings from the chunks the inspection
// before it recycled: it allocates, by the bytes, less than one from new
// chunks by at least two thirds of what its findings' chunks take.
func TestScratchPoolBytes(t *testing.T) {
	eng := testEngine(t)
	body := synth.CustomersJSON(rand.New(rand.NewPCG(13, 14)), 64<<10, true)
	lim := Limits{Samples: 16, SamplesOnly: true}
	res, err := Inspect(eng, body, "application/json", "", Redact, lim)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, n := range res.Summary.Counts {
		found += n
	}
	perInspection := func(drain bool) uint64 {
		var before, after runtime.MemStats
		const runs = 8
		var total uint64
		for range runs {
			if drain {
				drainScratches()
			}
			runtime.ReadMemStats(&before)
			if _, err := Inspect(eng, body, "application/json", "", Redact, lim); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			total += after.TotalAlloc - before.TotalAlloc
		}
		return total / runs
	}
	fresh, pooled := perInspection(true), perInspection(false)
	chunks := uint64(found) * uint64(findingSize) // (at least: every finding counted was carved once)
	t.Logf("%d findings (%d bytes of them): %d bytes an inspection from new chunks, %d recycled", found, chunks, fresh, pooled)
	if found < 500 || pooled+2*chunks/3 > fresh {
		t.Errorf("%d findings: %d bytes an inspection recycling its arena, %d from new chunks: want %d less at least", found, pooled, fresh, 2*chunks/3)
	}
}
