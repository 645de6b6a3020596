package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNoLandlineInLongGroupsOfFour checks that a long number written in
// groups of four (a tracking or account number of 20 to 36 digits) is one
// number: no fixed line is read out of its last groups, as none is out of
// a card-like number's (inCardGroups), while the same fixed line written
// in fours on its own is still found.
func TestNoLandlineInLongGroupsOfFour(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := rand.New(rand.NewPCG(11, 11))
	tested := 0
	for tested < 40 {
		l := synth.CNLandlineContiguous(r)
		if len(l) != 12 {
			continue // fours end where the local number does only so
		}
		tested++
		lead := strings.Repeat("9861", 2+r.IntN(5))
		for _, text := range []string{
			"运单号 " + synth.Grouped(lead+l, " ", 4),
			"no. " + synth.Grouped(lead+l+"1234", " ", 4),
		} {
			for _, f := range e.Find([]byte(text)) {
				if f.Category == detect.CNLandline {
					t.Errorf("%q: landline %q out of one long number", text, text[f.Start:f.End])
				}
			}
		}
		alone := "电话 " + synth.Grouped(l, " ", 4)
		if fs := e.Find([]byte(alone)); len(fs) != 1 || fs[0].Category != detect.CNLandline {
			t.Errorf("%q: %+v, want the landline", alone, fs)
		}
	}
}
