//go:build detectsteps

package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestComplexityProtected is TestComplexityLinear and TestComplexityPerByte
// with a protected list that is not empty: every window of every digit
// run is then also offered to it, which must stay linear, with a bounded
// cost a byte.
func TestComplexityProtected(t *testing.T) {
	const maxStepsPerByte = 160
	set := detect.NewProtectedSet([]byte(strings.Repeat("c", 32)))
	r := rand.New(rand.NewPCG(3, 3))
	var fps []string
	for range 1000 {
		_, fp, err := set.Identify("", synth.CNMobile(r))
		if err != nil {
			t.Fatal(err)
		}
		fps = append(fps, fp)
	}
	if err := set.Replace(fps); err != nil {
		t.Fatal(err)
	}
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity"), Protected: set})
	for _, sh := range synth.Shapes {
		small := sh.Gen(rand.New(rand.NewPCG(1, 1)), complexityBase)
		large := sh.Gen(rand.New(rand.NewPCG(1, 1)), complexityFactor*complexityBase)
		s, l := stepsFor(e, small), stepsFor(e, large)
		ratio := float64(l) / float64(s)
		per := float64(s) / float64(len(small))
		t.Logf("%-10s %8d steps for %d B (%.1f/B), %9d for %d B: ×%.2f", sh.Name, s, len(small), per, l, len(large), ratio)
		if ratio > complexityFactor*complexitySlack {
			t.Errorf("%s: ×%.2f for 8 times the bytes, want at most ×%.1f", sh.Name, ratio, complexityFactor*complexitySlack)
		}
		if per > maxStepsPerByte {
			t.Errorf("%s: %.1f steps a byte, want at most %d", sh.Name, per, maxStepsPerByte)
		}
	}
}
