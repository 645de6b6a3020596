package detect

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLocalPartAheadStretch holds digitRun.localPartAhead, which answers
// from the stretch its last plain walk found no '@' in, to the walk it
// saves (localPartAhead) at every place of texts made of local-part
// characters, '@' and its spellings, references, invisible characters,
// CJK and spaces, asked in order and in random order.
func TestLocalPartAheadStretch(t *testing.T) {
	pieces := []string{"a", "b", "7", "0", ".", "-", "_", "+", "%", "@", " ", "\t", "\x00", "\x7f",
		"&#64;", "&#x61;", "&#49;", "[at]", " at ", " dot ", "(at)", "＠", "中", "号", "\u200b", "ｅ", ",", "\n"}
	rng := rand.New(rand.NewPCG(8, 300))
	for round := 0; round < 3000; round++ {
		var b strings.Builder
		for n := rng.IntN(120); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if rng.IntN(3) == 0 {
			b.WriteString(strings.Repeat("e4bcf1187", 1+rng.IntN(12)))
			if rng.IntN(2) == 0 {
				b.WriteString("@qq.com") // beyond the walk's bound from the token's start
			}
		}
		text := []byte(b.String())
		order := make([]int, len(text))
		for i := range order {
			order[i] = i
		}
		if round%2 == 1 {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		r := digitRun{noAtLo: 0, noAtHi: -1}
		for _, p := range order {
			if got, want := r.localPartAhead(text, p), localPartAhead(text, p); got != want {
				t.Fatalf("localPartAhead(%q, %d) = %v from the stretch %d..%d, the walk says %v", text, p, got, r.noAtLo, r.noAtHi, want)
			}
		}
	}
}
