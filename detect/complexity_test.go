//go:build detectsteps

package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The engine's work is linear in its input: for every input shape, realistic
// or crafted, the steps counted for 8n bytes are at most 8 times (and a
// little) those for n bytes. Steps are counted, not timed, so the test says
// the same on any machine. Run with
//
//	go test -tags detectsteps -run Complexity ./detect/

const (
	complexityBase   = 32 << 10 // n
	complexityFactor = 8
	// slack allows for the n log n of sorting the hits and for edges:
	// 8n bytes may cost at most 8.8 times n
	complexitySlack = 1.1
	// hostileBase is n for the shape that mixes all the crafted ones
	hostileBase = 256 << 10
	// maxStepsPerByte bounds the steps a byte of any input: the crafted
	// runs of single separated digits cost the most, every window of 8
	// to 19 digits is validated
	maxStepsPerByte = 80
)

func stepsFor(e *detect.Engine, text []byte) int64 {
	detect.ResetSteps()
	e.Redact(text)
	return detect.Steps()
}

func TestComplexityLinear(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for _, sh := range synth.Shapes {
		t.Run(sh.Name, func(t *testing.T) {
			base := complexityBase
			if sh.Name == "hostile" {
				// pieces of every crafted shape, 64 B to 16 KiB each: n
				// bytes must hold enough of them that their mix, and so the
				// steps per byte, is that of 8n (32 KiB is about four
				// pieces, whose steps per byte vary by a factor of two
				// from seed to seed)
				base = hostileBase
			}
			small := sh.Gen(rand.New(rand.NewPCG(1, 1)), base)
			large := sh.Gen(rand.New(rand.NewPCG(1, 1)), complexityFactor*base)
			s, l := stepsFor(e, small), stepsFor(e, large)
			ratio := float64(l) / float64(s)
			t.Logf("%-10s %8d steps for %d B (%.1f/B), %9d for %d B: ×%.2f",
				sh.Name, s, len(small), float64(s)/float64(len(small)), l, len(large), ratio)
			if ratio > complexityFactor*complexitySlack {
				t.Errorf("%s: %d steps for %d bytes but %d for %d bytes: ×%.2f, want at most ×%.1f",
					sh.Name, s, len(small), l, len(large), ratio, complexityFactor*complexitySlack)
			}
		})
	}
}

// TestComplexityPerByte bounds the work per byte of every shape: a constant
// that no crafted input can raise, whatever it holds.
func TestComplexityPerByte(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for _, sh := range synth.Shapes {
		text := sh.Gen(rand.New(rand.NewPCG(2, 2)), complexityBase)
		if per := float64(stepsFor(e, text)) / float64(len(text)); per > maxStepsPerByte {
			t.Errorf("%s: %.1f steps a byte, want at most %d", sh.Name, per, maxStepsPerByte)
		}
	}
}
