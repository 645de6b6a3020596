//go:build detectsteps

package bodyformat

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestStepsFix49BinaryRuns: prefixedDocs passing over runs of binary
// messages before each document (binaryRun), and over binary messages
// followed by no document, works in steps linear in the body's length.
func TestStepsFix49BinaryRuns(t *testing.T) {
	shapes := map[string]func(n int) []byte{
		"runs of binary messages then a doc": func(n int) []byte {
			r := rand.New(rand.NewPCG(49, 3))
			var b []byte
			for i := 0; len(b) < n; i++ {
				b = append(b, fix49BinaryMessages(r, 1+i%9)...)
				b = append(b, prefixedDoc(r, 200+i%50, false, false, false)...)
			}
			return b
		},
		"binary messages, no doc": func(n int) []byte {
			return bytes.Repeat([]byte{0, 0, 0, 1, 0xff, 0, 2, 0xfe, 0xfd}, n/9)
		},
		"spaces": func(n int) []byte {
			return append([]byte{0, 3, 0xff}, bytes.Repeat([]byte{' '}, n)...)
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
