//go:build detectsteps

package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestComplexityInvalidRuns is TestComplexityLinear and
// TestComplexityPerByte for digits among long runs of every invisible
// separator, bytes that are no UTF-8 among them (synth.InvalidRuns, not
// a shape: shapes are valid UTF-8): runs read through, cut short by an
// invalid byte, one after another.
func TestComplexityInvalidRuns(t *testing.T) {
	const maxStepsPerByte = 80 // as TestComplexityPerByte
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	small := synth.InvalidRuns(rand.New(rand.NewPCG(1, 1)), complexityBase)
	large := synth.InvalidRuns(rand.New(rand.NewPCG(1, 1)), complexityFactor*complexityBase)
	s, l := stepsFor(e, small), stepsFor(e, large)
	ratio := float64(l) / float64(s)
	t.Logf("%8d steps for %d B (%.1f/B), %9d for %d B: ×%.2f", s, len(small), float64(s)/float64(len(small)), l, len(large), ratio)
	if ratio > complexityFactor*complexitySlack {
		t.Errorf("%d steps for %d bytes but %d for %d bytes: ×%.2f, want at most ×%.1f",
			s, len(small), l, len(large), ratio, complexityFactor*complexitySlack)
	}
	if per := float64(l) / float64(len(large)); per > maxStepsPerByte {
		t.Errorf("%.1f steps a byte, want at most %d", per, maxStepsPerByte)
	}
}
