//go:build detectsteps

package bodyformat

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// maxHoldStepsPerByte bounds the steps a byte of a stream of messages
// costs the screen, held whole (16 and 128 KiB: about 5 to 22 measured)
// or read message by message (1 MiB: about 5 to 19): a bound on the
// steps per byte at every length is linear time.
const maxHoldStepsPerByte = 32

// TestStepsFix49HoldMessages: a BinaryScreen reading a stream of
// length-prefixed messages message by message past its hold
// (startMessages) works in steps linear in the body's length, the
// engine's and the readings' counted together, from 16 KiB (held whole)
// through 128 KiB to 1 MiB (read message by message), for small JSON
// messages, tiny binary messages after one document, binary messages
// then a document, and messages near the hold's length; its source
// giving 512 bytes a read, so that a long message is waited for over
// many reads.
func TestStepsFix49HoldMessages(t *testing.T) {
	eng := testEngine(t)
	shapes := map[string]func(r *rand.Rand, n int) []byte{
		"small JSON messages": func(r *rand.Rand, n int) []byte {
			var b []byte
			for len(b) < n {
				doc, _ := fix49SplitDoc(r, 200, false)
				b = append(b, fix49Framed(doc, 4)...)
			}
			return b
		},
		"tiny messages after a doc": func(r *rand.Rand, n int) []byte {
			doc, _ := fix49SplitDoc(r, 200, false)
			b := fix49Framed(doc, 2)
			for len(b) < n {
				b = append(b, 0, 1, 0xff)
			}
			return b
		},
		"binary messages then a doc": func(r *rand.Rand, n int) []byte {
			b := fix49BinaryMessages(r, n/34)
			doc, _ := fix49SplitDoc(r, 2<<10, false)
			return append(b, fix49Framed(doc, 4)...)
		},
		"long messages": func(r *rand.Rand, n int) []byte {
			var b []byte
			for len(b) < n {
				doc, _ := fix49SplitDoc(r, min(n/2, maxBinaryScreenDoc-(8<<10)), false)
				b = append(b, fix49Framed(doc, 4)...)
			}
			return b
		},
	}
	for name, shape := range shapes {
		steps := func(n int) int64 {
			body := shape(rand.New(rand.NewPCG(49, 9)), n)
			resetReadingSteps()
			detect.ResetSteps()
			s, err := NewBinaryScreen(eng, chunkReader{bytes.NewReader(body), 512}, Scan, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, s); err != nil {
				t.Fatalf("%s, %d bytes: %v", name, n, err)
			}
			return readingSteps.Load() + detect.Steps()
		}
		a, b, c := steps(16<<10), steps(128<<10), steps(1<<20)
		t.Logf("%-28s %9d steps for 16 KiB, %9d for 128 KiB, %10d for 1 MiB", name, a, b, c)
		for i, st := range []int64{a, b, c} {
			if n := int64(16<<10) << (3 * i); st > maxHoldStepsPerByte*n {
				t.Errorf("%s: %d steps for %d bytes, more than %d a byte", name, st, n, maxHoldStepsPerByte)
			}
		}
	}
}
