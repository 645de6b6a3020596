package detect

import (
	"math/rand/v2"
	"testing"
)

// TestDottedFromCounts compares dotted, answered from the run's counts,
// with a walk over the window's groups, for every window of random runs
// of digits set apart by dots, spaces and dashes.
func TestDottedFromCounts(t *testing.T) {
	walk := func(r *digitRun, a, b int) bool {
		dots, short := 0, true
		for g := a; g <= b; g++ {
			if g > a && r.sep[g] == '.' {
				dots++
			}
			short = short && r.groupLen(g) == 1
		}
		return dots >= 2 && !short
	}
	rnd := rand.New(rand.NewPCG(44, 1))
	seps := []string{".", ".", " ", "-"}
	var r digitRun
	for i := 0; i < 3000; i++ {
		var text []byte
		for g := rnd.IntN(30) + 1; g > 0; g-- {
			for d := rnd.IntN(4) + 1; d > 0; d-- {
				text = append(text, byte('0'+rnd.IntN(10)))
			}
			text = append(text, seps[rnd.IntN(len(seps))]...)
		}
		text = text[:len(text)-1]
		r.collect(text, 0)
		for a := 0; a < r.ng; a++ {
			for b := a; b < r.ng; b++ {
				if got, want := r.dotted(a, b), walk(&r, a, b); got != want {
					t.Fatalf("%q groups %d..%d: dotted %v, a walk says %v", text, a, b, got, want)
				}
			}
		}
	}
}
