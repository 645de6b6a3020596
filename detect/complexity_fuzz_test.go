//go:build detectsteps

package detect_test

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fuzzshape"
)

// fuzzComplexityBase is n for the fuzzed shapes: a piece repeated to about
// 16 KiB, and eight times as often.
const fuzzComplexityBase = 16 << 10

// FuzzComplexity is TestComplexityLinear and TestComplexityPerByte for
// shapes the fuzzer makes: a piece of up to fuzzshape.MaxPiece bytes,
// repeated to about n and to 8n bytes, alone and between dense customer
// records, costs at most 8.8 times (and a step a byte) as much at 8n as at
// n, and at most maxStepsPerByte steps a byte. Its seeds are the corpora of
// FuzzRedact and FuzzRedactTwice and pieces of every synthetic shape. Run
// with
//
//	go test -tags detectsteps -run '^$' -fuzz FuzzComplexity ./detect/
func FuzzComplexity(f *testing.F) {
	seeds, err := fuzzshape.Seeds("testdata/fuzz/FuzzRedact", "testdata/fuzz/FuzzRedactTwice")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	f.Fuzz(func(t *testing.T, piece []byte) {
		if len(piece) > fuzzshape.MaxPiece {
			return
		}
		for i, unit := range fuzzshape.Units(piece) {
			small, large := fuzzshape.Tile(unit, fuzzComplexityBase)
			s, l := stepsFor(e, small), stepsFor(e, large)
			if float64(l) > complexityFactor*complexitySlack*float64(s)+float64(len(large)) {
				t.Errorf("unit %d (%q): %d steps for %d bytes, %d for %d: ×%.2f",
					i, unit, s, len(small), l, len(large), float64(l)/float64(max(s, 1)))
			}
			if per := float64(l) / float64(len(large)); per > maxStepsPerByte {
				t.Errorf("unit %d (%q): %.1f steps a byte, want at most %d", i, unit, per, maxStepsPerByte)
			}
		}
	})
}
