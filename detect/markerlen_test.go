package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// markerLenNaive is markerLen by its definition: the longest marker word
// of the kinds that t starts with, but 号 before 线 (a metro line).
func markerLenNaive(t []byte, kinds markers) int {
	best := 0
	for _, words := range markerWords {
		for _, m := range words {
			if m.kinds&kinds != 0 && len(m.w) > best && bytes.HasPrefix(t, []byte(m.w)) {
				best = len(m.w)
			}
		}
	}
	if best == len("号") && bytes.HasPrefix(t, []byte("号线")) {
		return 0
	}
	return best
}

// TestMarkerLenAsNaive holds markerLen, which decodes a first character by
// hand and compares the words of its slot, to the comparison of every
// word, on marker words, their prefixes and look-alike bytes (a first
// character's continuation bytes swapped for ASCII or other continuation
// bytes).
func TestMarkerLenAsNaive(t *testing.T) {
	var pieces [][]byte
	for r, words := range markerWords {
		if utf8.RuneLen(r) != 3 {
			t.Fatalf("marker %q does not start with a three-byte character", string(r))
		}
		for _, m := range words {
			w := []byte(m.w)
			pieces = append(pieces, w, w[:3], append([]byte{w[0], w[1] &^ 0x80, w[2]}, w[3:]...),
				append([]byte{w[0], w[1], w[2] ^ 0x01}, w[3:]...), append([]byte{w[0], w[1], w[2]}, 'x'))
		}
	}
	pieces = append(pieces, []byte("a"), []byte("中"), []byte("线"), []byte{0xE0, 0x80, 0x80}, []byte{0xED, 0xA0, 0x80})
	rng := rand.New(rand.NewPCG(3, 11))
	kindsAll := []markers{mAdmin, mStreet, mNumber, mResidence, mDistrict, mCity, mProvince,
		mStreet | mNumber | mResidence, mNumber | mResidence}
	for round := 0; round < 20000; round++ {
		var text []byte
		for n := 1 + rng.IntN(3); n > 0; n-- {
			text = append(text, pieces[rng.IntN(len(pieces))]...)
		}
		for _, kinds := range kindsAll {
			for p := 0; p < len(text); p++ {
				if got, want := markerLen(text[p:], kinds), markerLenNaive(text[p:], kinds); got != want {
					t.Fatalf("markerLen(% x, %v) = %d, want %d", text[p:], kinds, got, want)
				}
			}
		}
	}
}
