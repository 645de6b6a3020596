package bodyformat

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// drainScratches empties the pool of arenas, so that the next inspection
// carves its findings from new chunks.
func drainScratches() {
	for scratches.Get() != nil {
	}
}

// resultCopy is a deep copy of what a Result says.
func resultCopy(res Result) Result {
	c := res
	c.Body = bytes.Clone(res.Body)
	c.Findings = slices.Clone(res.Findings)
	for k := range c.Findings {
		c.Findings[k].Masked = strings.Clone(c.Findings[k].Masked)
		c.Findings[k].Fingerprint = strings.Clone(c.Findings[k].Fingerprint)
	}
	return c
}

// sameResult reports whether a and b say the same.
func sameResult(a, b Result) bool {
	return bytes.Equal(a.Body, b.Body) && a.Changed == b.Changed && a.Format == b.Format &&
		slices.Equal(a.Findings, b.Findings) && a.Summary.Categories == b.Summary.Categories &&
		len(a.Summary.Counts) == len(b.Summary.Counts) && func() bool {
		for c, n := range a.Summary.Counts {
			if b.Summary.Counts[c] != n {
				return false
			}
		}
		return true
	}()
}

// TestScratchPoolResults: inspections one after another, each carving its
// findings from the chunks the one before recycled and walking with its
// walker and joins (scratches), give what an inspection from new ones
// gives, and a result kept says the same
// after later inspections carved its chunks again: dense JSON records, a
// CSV export and mixed text, with samples only (the handler's limits)
// and with every finding kept, in Redact and Scan mode.
func TestScratchPoolResults(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(11, 12))
	type body struct {
		ct   string
		data []byte
	}
	var bodies []body
	for k := range 12 {
		n := 1<<10 + r.IntN(24<<10)
		switch k % 3 {
		case 0:
			bodies = append(bodies, body{"application/json", synth.CustomersJSON(r, n, k%2 == 0)})
		case 1:
			bodies = append(bodies, body{"text/csv", synth.CustomersCSV(r, 1+n/200)})
		default:
			bodies = append(bodies, body{"text/plain", synth.CustomersJSON(r, n, true)})
		}
	}
	for _, lim := range []Limits{{}, {Samples: 16, SamplesOnly: true}} {
		for _, mode := range []Mode{Redact, Scan} {
			var fresh []Result
			for _, b := range bodies {
				drainScratches()
				res, err := Inspect(eng, b.data, b.ct, "", mode, lim)
				if err != nil {
					t.Fatal(err)
				}
				fresh = append(fresh, resultCopy(res))
			}
			var kept, snap []Result
			for range 2 {
				for k, b := range bodies {
					res, err := Inspect(eng, b.data, b.ct, "", mode, lim)
					if err != nil {
						t.Fatal(err)
					}
					if !sameResult(res, fresh[k]) {
						t.Fatalf("mode %v limits %+v body %d: the result through a pooled scratch differs", mode, lim, k)
					}
					kept, snap = append(kept, res), append(snap, resultCopy(res))
				}
			}
			found := 0
			for k := range kept {
				if !sameResult(kept[k], snap[k]) {
					t.Fatalf("mode %v limits %+v: result %d changed once later inspections carved its arena's chunks again", mode, lim, k)
				}
				found += len(kept[k].Findings)
			}
			t.Logf("mode %v limits %+v: %d findings kept over %d results", mode, lim, found, len(kept))
			if found == 0 {
				t.Fatalf("mode %v limits %+v: nothing found: nothing compared", mode, lim)
			}
		}
	}
}
