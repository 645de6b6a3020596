//go:build detectsteps

package bodyformat

import (
	"errors"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// maxEngineStepsPerByte bounds the engine's steps per byte it reads in an
// inspection: detect's bound on a scan (TestComplexityPerByte, 80) and
// the masks and fingerprints of a dense body (the densest shape,
// "mobiles", takes 128).
const maxEngineStepsPerByte = 80

// TestComplexityWorkBudgetBoundsSteps checks that Limits.MaxWork, counted
// in bytes the engine reads, bounds the engine's steps: for every shape
// read as every format, the steps of an inspection are at most detect's
// per-byte bound times the work it counted, and an inspection stopped by
// the budget took at most that bound times the budget.
func TestComplexityWorkBudgetBoundsSteps(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	const n = 32 << 10
	for _, s := range synth.Shapes {
		b := s.Gen(r, n)
		for _, ct := range []string{"text/plain", ctJSON, "application/x-www-form-urlencoded", "text/html", "text/event-stream", "application/x-ndjson"} {
			lim := Limits{MaxWork: 1 << 40}.withDefaults()
			m := newMeter(lim)
			in := &inspector{eng: eng, mode: Redact, lim: lim, meter: m}
			mt, params := mediaType(ct)
			detect.ResetSteps()
			if _, _, err := in.charsetBody(b, mt, params, 0, 0); err != nil {
				t.Fatalf("%s as %s: %v", s.Name, ct, err)
			}
			steps, work := detect.Steps(), lim.MaxWork-m.work
			if steps > maxEngineStepsPerByte*work {
				t.Errorf("%s as %s: %d steps for %d bytes of work", s.Name, ct, steps, work)
			}
			budget := work / 2
			if budget == 0 {
				continue
			}
			detect.ResetSteps()
			_, err := Inspect(eng, b, ct, "", Redact, Limits{MaxWork: budget})
			if !errors.Is(err, ErrWork) {
				t.Errorf("%s as %s: half the work needed: err = %v", s.Name, ct, err)
			}
			if got := detect.Steps(); got > maxEngineStepsPerByte*budget {
				t.Errorf("%s as %s: %d steps under a budget of %d bytes", s.Name, ct, got, budget)
			}
		}
	}
}

// TestComplexityInspectLinear checks that a whole inspection, as every
// caller asks for it (every finding fingerprinted, or a few samples), is
// linear in the body for every shape: the engine's steps for 8n bytes
// are at most 8.8 times those for n (and a step a byte). A count of samples as large as the
// body once made the engine compare every finding with every other.
func TestComplexityInspectLinear(t *testing.T) {
	eng := testEngine(t)
	for _, s := range synth.Shapes {
		for _, ct := range []string{"text/plain", ctJSON, "text/event-stream"} {
			for _, samples := range []int{0, 10} {
				steps := func(n int) int64 {
					b := s.Gen(rng(s.Name), n)
					detect.ResetSteps()
					if _, err := Inspect(eng, b, ct, "", Redact, Limits{Samples: samples}); err != nil {
						t.Fatalf("%s as %s: %v", s.Name, ct, err)
					}
					return detect.Steps()
				}
				// two steps a byte of slack: the cheapest shapes vary more
				// with their sample than with n (lookalikes, a random mix
				// of clean corpus lines, cost 5.1 steps a byte at 32 KiB and
				// 6.6 to 6.8 at every size from 64 KiB to 512 KiB); a
				// quadratic reading gives ×64
				const n = 32 << 10
				small, large := steps(n), steps(8*n)
				if float64(large) > 8.8*float64(small)+2*8*n {
					t.Errorf("%s as %s, samples %d: %d steps at 32 KiB, %d at 256 KiB: ×%.1f",
						s.Name, ct, samples, small, large, float64(large)/float64(max(small, 1)))
				}
			}
		}
	}
}
