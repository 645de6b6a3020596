//go:build detectsteps

package bodyformat

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsBinaryScreenPrefixedDocument checks that a BinaryScreen
// holding a length-prefixed JSON document whole (holdDoc) reads it in
// steps linear in its length, the engine's and the readings' counted
// together, whether it holds personal data (the split mobile, a record)
// or not, and whether the body ends where its length says (read whole)
// or runs on (streamed again); the same bodies with their length zeroed
// (never held, "zero") are the streamed baseline.
func TestStepsBinaryScreenPrefixedDocument(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range []struct {
		name             string
		pii, runOn, zero bool
	}{{"clean", false, false, false}, {"personal data", true, false, false}, {"runs on", false, true, false}, {"zero", false, false, true}, {"zero runs on", false, true, true}} {
		steps := func(n int) int64 {
			body := prefixedDoc(rand.New(rand.NewPCG(46, 3)), n, false, false, tc.pii)
			if tc.zero {
				copy(body, "\x00\x00\x00\x00")
			}
			if tc.runOn {
				body = append(body, body...)
			}
			resetReadingSteps()
			detect.ResetSteps()
			s, err := NewBinaryScreen(eng, chunkReader{bytes.NewReader(body), binaryScreenRead}, Scan, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, s); err != nil {
				t.Fatal(err)
			}
			return readingSteps.Load() + detect.Steps()
		}
		stepsGrowLinearly(t, tc.name, steps)
	}
}
