package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// FuzzProtected scans any text with and without a protected list: no
// panic; a protected finding carries EvProtected and the category of a
// protected value; and the list only adds: every finding made without it
// overlaps one made with it.
func FuzzProtected(f *testing.F) {
	r := rand.New(rand.NewPCG(9, 9))
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	set := detect.NewProtectedSet([]byte(strings.Repeat("f", 32)))
	var fps []string
	for _, v := range []string{mobile, id} {
		_, fp, err := set.Identify("", v)
		if err != nil {
			f.Fatal(err)
		}
		fps = append(fps, fp)
	}
	if err := set.Replace(fps); err != nil {
		f.Fatal(err)
	}
	plain := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	guarded := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Protected: set})
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	for _, s := range []string{
		synth.Grouped(mobile, " ", 3, 2, 2, 4), "uid" + mobile + "x", synth.FullWidthAll(id),
		synth.ChineseNumerals(mobile) + " " + synth.HTMLDecimal(id), "86" + mobile, "0086 " + mobile,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		with := guarded.Find([]byte(text))
		for _, g := range with {
			if g.Evidence&detect.EvProtected != 0 && g.Category != detect.CNMobile && g.Category != detect.CNID {
				t.Fatalf("protected finding of category %s", g.Category)
			}
		}
		for _, p := range plain.Find([]byte(text)) {
			overlaps := false
			for _, g := range with {
				overlaps = overlaps || g.Start < p.End && p.Start < g.End
			}
			if !overlaps {
				t.Fatalf("%s[%d:%d] found without the list, nothing there with it", p.Category, p.Start, p.End)
			}
		}
	})
}
