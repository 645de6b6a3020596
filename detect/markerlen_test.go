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
	pieces := markerPieces(t)
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

// TestMarkerMatchAsNaive holds markerMatch, which keepDistrict asks
// instead of markerLen and a longest district, city and province marker,
// to the comparison of every word: a kind is among its kinds exactly when
// a marker of the kind starts the text, and each district length is the
// longest such marker's.
func TestMarkerMatchAsNaive(t *testing.T) {
	pieces := markerPieces(t)
	rng := rand.New(rand.NewPCG(5, 13))
	found := markers(0)
	for round := 0; round < 20000; round++ {
		var text []byte
		for n := 1 + rng.IntN(3); n > 0; n-- {
			text = append(text, pieces[rng.IntN(len(pieces))]...)
		}
		for p := 0; p <= len(text); p++ {
			kinds, district := markerMatch(text[p:])
			found |= kinds
			for k := markers(1); k <= mProvince; k <<= 1 {
				if got, want := kinds&k != 0, markerLenNaive(text[p:], k) > 0; got != want {
					t.Fatalf("markerMatch(% x) has kind %v: %v, want %v", text[p:], k, got, want)
				}
			}
			for k, marks := range districtMarks {
				if got, want := district[k], markerLenNaive(text[p:], marks); got != want {
					t.Fatalf("markerMatch(% x) district %d = %d, want %d", text[p:], k, got, want)
				}
			}
		}
	}
	if found != mAdmin|mStreet|mNumber|mResidence|mDistrict|mCity|mProvince {
		t.Fatalf("the texts matched markers of kinds %b only", found)
	}
}

// TestNoMarkerStartsWithNumber holds keepDistrict to its premise that a
// character a marker starts with is never read as a number.
func TestNoMarkerStartsWithNumber(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		if !isMarkerStart(r) {
			continue
		}
		n++
		if classifyRune(r).kind == uDigit {
			t.Errorf("the marker start %q is read as a digit", r)
		}
	}
	if n != len(markerWords) {
		t.Fatalf("%d marker starts, want %d", n, len(markerWords))
	}
}

// markerPieces returns marker words, their first characters, look-alike
// bytes (a first character's continuation bytes changed) and other
// characters, to build texts from.
func markerPieces(t *testing.T) [][]byte {
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
	return append(pieces, []byte("a"), []byte("中"), []byte("线"), []byte{0xE0, 0x80, 0x80}, []byte{0xED, 0xA0, 0x80})
}
