package detect

import (
	"math/rand/v2"
	"testing"
)

// TestCjkUnitBefore holds cjkUnitBefore, letterPrefixPossible's shortcut,
// to unitBeforeSkipping: wherever it answers, the unit is the one
// unitBeforeSkipping returns. Texts are random pieces: Han characters,
// full-width letters and digits, invisible characters, ASCII, broken and
// four-byte sequences.
func TestCjkUnitBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(54, 3))
	pieces := []string{"张", "号", "一", "Ａ", "ｚ", "１", "\u200b", "\u00ad", "\u3000", "，", "a", "1", ";", "&#65;", "\xe4\xb8", "\xb8\xad", "\xf0\x9f\x98\x80", "\xef\xbf\xbd", "\xed\xa0\x80"}
	answered := 0
	for iter := 0; iter < 20000; iter++ {
		var text []byte
		for n := 1 + rng.IntN(5); n > 0; n-- {
			text = append(text, pieces[rng.IntN(len(pieces))]...)
		}
		for i := 0; i <= len(text); i++ {
			u, ok := cjkUnitBefore(text, i)
			if !ok {
				continue
			}
			answered++
			if want, _, wantOK := unitBeforeSkipping(text, i); !wantOK || want != u {
				t.Fatalf("%q at %d: cjkUnitBefore = %+v, unitBeforeSkipping = %+v %v", text, i, u, want, wantOK)
			}
		}
	}
	if answered == 0 {
		t.Fatal("cjkUnitBefore never answered")
	}
}
