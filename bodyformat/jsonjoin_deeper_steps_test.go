//go:build detectsteps

package bodyformat

import (
	"fmt"
	"strings"
	"testing"
)

// TestComplexityDeeperSpillSteps (attack pass 33, F2/F5): the strings of
// pairs of keys past maxDeeperJoins are counted by their first and last
// joinEdge bytes only: strings ten times longer in as many objects take
// the reading no more steps than the bytes they add, and eight times the
// objects at most 8.8 times the steps.
func TestComplexityDeeperSpillSteps(t *testing.T) {
	eng := testEngine(t)
	body := func(n, long int) []byte {
		var b strings.Builder
		b.WriteString("[")
		for k := range n {
			if k > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"text":{"value":"%d"`, k%100)
			for p := range 2 * maxDeeperJoins {
				fmt.Fprintf(&b, `,"x%d_text":"%s"`, p, strings.Repeat("ab ", long))
			}
			b.WriteString(`}}`)
		}
		b.WriteString("]")
		return []byte(b.String())
	}
	steps := func(b []byte) int64 {
		resetReadingSteps()
		if _, err := Inspect(eng, b, ctJSON, "", Redact, Limits{}); err != nil {
			t.Fatal(err)
		}
		return readingSteps.Load()
	}
	const n = 64
	short, long := body(n, 100), body(n, 1000)
	s, l := steps(short), steps(long)
	if l-s > int64(len(long)-len(short)) {
		t.Errorf("spilled strings ten times longer: %d → %d reading steps, for %d bytes more", s, l, len(long)-len(short))
	}
	small, large := steps(body(n, 100)), steps(body(8*n, 100))
	if float64(large) > 8.8*float64(small) {
		t.Errorf("8 times the objects: %d → %d reading steps", small, large)
	}
	t.Logf("reading steps: %d (short), %d (long), %d (8× objects)", s, l, large)
}
