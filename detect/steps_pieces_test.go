//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// checkRepeatedPieces is TestComplexityLinear and TestComplexityPerByte
// for pieces of text, each repeated back to back and glued to the next:
// the steps for complexityFactor times the bytes grow at most that much
// (with complexitySlack), and stay under TestComplexityPerByte's bound a
// byte.
func checkRepeatedPieces(t *testing.T, pieces map[string]string) {
	t.Helper()
	const maxStepsPerByte = 80 // as TestComplexityPerByte
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for name, piece := range pieces {
		t.Run(name, func(t *testing.T) {
			small := bytes.Repeat([]byte(piece), complexityBase/len(piece)+1)
			large := bytes.Repeat([]byte(piece), complexityFactor*complexityBase/len(piece)+1)
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
		})
	}
}
