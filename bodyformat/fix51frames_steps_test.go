//go:build detectsteps

package bodyformat

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestStepsFix51PaddedDocs: prefixedDocs reading framed documents padded
// with NULs or white space inside their frames (padScan), after binary
// messages, and messages that open like JSON followed by long runs of
// padding, works in steps linear in the body's length. (Padding of 4
// bytes or more is also framed by an inclusive length, shortest first,
// which stops the reading after it: open, docs/threat-model.md.)
func TestStepsFix51PaddedDocs(t *testing.T) {
	shapes := map[string]func(n int) []byte{
		"binary messages then padded docs": func(n int) []byte {
			r := rand.New(rand.NewPCG(51, 7))
			var b []byte
			for i := 0; len(b) < n; i++ {
				b = append(b, fix49BinaryMessages(r, 1+i%5)...)
				pad := bytes.Repeat([]byte{' '}, 70+i%40)
				if i%2 == 0 {
					pad = make([]byte, 1+i%3) // (4 NULs or more: an inclusive length's frame too)
				}
				b = append(b, fix51PaddedDoc(r, 200+i%50, pad)...)
			}
			return b
		},
		"a brace then NULs": func(n int) []byte {
			return append([]byte{0, 0, 0, 1, '{'}, make([]byte, n)...)
		},
		"short braces over a NUL run": func(n int) []byte {
			b := bytes.Repeat([]byte{0, 2, '{', 0}, n/8)
			return append(b, make([]byte, n/2)...)
		},
	}
	for name, shape := range shapes {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := shape(n)
			resetReadingSteps()
			prefixedDocs(b, func([]byte) error { return nil })
			return readingSteps.Load()
		})
	}
}
