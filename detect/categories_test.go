package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Categories says what Find would report, for every shape of input, and
// makes nothing to say it.
func TestCategoriesAgreeWithFind(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cats")})
	r := rand.New(rand.NewPCG(4, 4))
	for _, sh := range synth.Shapes {
		for _, n := range []int{200, 4 << 10} {
			text := sh.Gen(r, n)
			want := detect.Summarize(e.Find(text)).Categories
			if got := e.Categories(text, 0); got != want {
				t.Errorf("%s/%d: Categories %v, Find %v", sh.Name, n, got.Categories(), want.Categories())
			}
		}
	}
}

func TestCategoriesAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector drops pooled scanners at random")
	}
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cats")})
	text := synth.CustomersCSV(rand.New(rand.NewPCG(5, 5)), 64<<10)
	e.Categories(text, 0) // warm the scanner pool
	if n := testing.AllocsPerRun(20, func() { e.Categories(text, 0) }); n > 0 {
		t.Errorf("Categories allocated %.0f times a call on dense records, want 0", n)
	}
}
