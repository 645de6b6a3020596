package detect

import (
	"math/rand/v2"
	"testing"
)

// localPartWalkReference is localPartWalk without plainLocalPartByte's
// fast path: every unit decoded and tested.
func localPartWalkReference(text []byte, pos int) (at bool, stop int, plain bool) {
	plain = true
	for n := 0; n < maxLocalPart && pos < len(text); n++ {
		u := decodeUnit(text, pos)
		if u.kind == uAt || n > 0 && spelledAtAhead(text, pos) {
			return true, pos, false
		}
		if !isLocalPartUnit(u) && u.kind != uIgnore {
			return false, pos, plain
		}
		plain = plain && u.size == 1
		pos += u.size
	}
	return false, pos, plain && pos >= len(text)
}

// TestLocalPartWalkSameAsReference checks localPartWalk against the
// reference from every position of random texts built from every ASCII
// byte and the pieces a local part, a spelled '@' and an invisible
// character are made of, and on every ASCII byte alone after a word.
func TestLocalPartWalkSameAsReference(t *testing.T) {
	pieces := []string{"a", "Z", "7", ".", "-", "_", "+", "%", "@", " at ", " AT ", "x dot ", " dot ", "(at)", "[at]", " @ ", "#", "&#64;", "&#46;", "&amp;", "\u200b", "\u00ad", "艾特", "＠", "ｚ", "７", "的", ";", " "}
	for b := range 128 {
		pieces = append(pieces, string(rune(b)))
	}
	check := func(text []byte) {
		for pos := 0; pos <= len(text); pos++ {
			ga, gs, gp := localPartWalk(text, pos)
			wa, ws, wp := localPartWalkReference(text, pos)
			if ga != wa || gs != ws || gp != wp {
				t.Fatalf("localPartWalk(%q, %d) = %v %d %v, want %v %d %v", text, pos, ga, gs, gp, wa, ws, wp)
			}
		}
	}
	for b := range 256 {
		check(append([]byte("ab12.c"), byte(b), 'd', '@', 'e'))
	}
	rng := rand.New(rand.NewPCG(52, 8))
	for range 3000 {
		var text []byte
		for n := rng.IntN(40); n >= 0; n-- {
			if rng.IntN(3) == 0 {
				text = append(text, pieces[rng.IntN(len(pieces))]...)
			} else {
				text = append(text, "abc123.-_"[rng.IntN(9)])
			}
		}
		check(text)
	}
}
