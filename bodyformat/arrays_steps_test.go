//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"
)

// TestComplexityArraysReading checks that the arrays reading looks at
// each byte a bounded number of times on shapes built against it:
// literals that never close (one of each quote, then arrays inside
// them), arrays nested beyond maxArrayDepth, long unclosed arrays of
// strings and numbers, escapes. Its steps are at most four a byte, and
// 8n bytes cost at most 8.8 times what n bytes do.
func TestComplexityArraysReading(t *testing.T) {
	shapes := map[string]string{
		"unclosed quotes": "[\"[`['[",
		"open arrays":     "[",
		"string elements": `["a",`,
		"number elements": `[1234,`,
		"escapes":         `["\\\"\\`,
		"closed arrays":   `["138"],`,
		"nested":          `[["1"],[2,`,
		"stops":           `[1,x`,
	}
	for name, unit := range shapes {
		steps := func(n int) int64 {
			b := bytes.Repeat([]byte(unit), n/len(unit))
			resetArraySteps()
			decodeArrays(b)
			return arraySteps.Load()
		}
		const n = 16 << 10
		small, large := steps(n), steps(8*n)
		t.Logf("%-16s %7d steps for %d B, %8d for %d B", name, small, n, large, 8*n)
		if large > 4*8*n {
			t.Errorf("%s: %d steps for %d bytes", name, large, 8*n)
		}
		if float64(large) > 8.8*float64(small)+float64(n) {
			t.Errorf("%s: %d steps for %d bytes but %d for %d", name, small, n, large, 8*n)
		}
	}
}
