package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// BenchmarkProtected scans every input shape with an empty protected list
// and with one of 1000 fingerprints: the price of protection, worst shape
// included.
func BenchmarkProtected(b *testing.B) {
	full := detect.NewProtectedSet([]byte(strings.Repeat("b", 32)))
	r := rand.New(rand.NewPCG(4, 4))
	var fps []string
	for range 1000 {
		_, fp, _ := full.Identify("", synth.CNMobile(r))
		fps = append(fps, fp)
	}
	_ = full.Replace(fps)
	empty := detect.NewProtectedSet([]byte(strings.Repeat("b", 32)))
	for _, sh := range synth.Shapes {
		text := sh.Gen(rand.New(rand.NewPCG(1, 1)), 64<<10)
		for name, set := range map[string]*detect.ProtectedSet{"empty": empty, "full": full} {
			e := detect.MustCompile(detect.Policy{Protected: set})
			b.Run(sh.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					e.Categories(text, 0)
				}
			})
		}
	}
}
