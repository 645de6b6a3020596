package detect

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// firstMarkerNaive and lastMarkerEndNaive are firstMarker and
// lastMarkerEnd by their definition: markerLen asked at the start of
// every character (utf8.DecodeRune's), ASCII or not.
func firstMarkerNaive(t []byte, kinds markers) int {
	for p := 0; p < len(t); {
		if markerLen(t[p:], kinds) > 0 {
			return p
		}
		_, size := utf8.DecodeRune(t[p:])
		p += size
	}
	return -1
}

func lastMarkerEndNaive(t []byte, kinds markers) int {
	end := 0
	for p := 0; p < len(t); {
		if n := markerLen(t[p:], kinds); n > 0 {
			end = max(end, p+n)
		}
		_, size := utf8.DecodeRune(t[p:])
		p += size
	}
	return end
}

// TestMarkerScansAsNaive holds firstMarker and lastMarkerEnd, which read
// only the valid three-byte characters that start a marker, to markerLen
// at every character of random texts of markers, their parts, broken and
// overlong forms, surrogates and ASCII.
func TestMarkerScansAsNaive(t *testing.T) {
	pieces := markerPieces(t)
	for _, p := range []string{"\xe0\x80\x80", "\xed\xa0\x80", "\xe7", "\xe7\x9a", "\xff", "\xc2\xb2", "\xf0\x9f\x98\x80", "a", "1", "的", "北京"} {
		pieces = append(pieces, []byte(p))
	}
	rng := rand.New(rand.NewPCG(9, 5))
	kindsAll := []markers{mAdmin, mStreet, mNumber, mResidence, mDistrict, mAdmin | mStreet, mStreet | mNumber | mResidence}
	found := 0
	for range 20000 {
		var text []byte
		for n := 1 + rng.IntN(6); n > 0; n-- {
			text = append(text, pieces[rng.IntN(len(pieces))]...)
		}
		for _, kinds := range kindsAll {
			for p := 0; p < len(text); p++ {
				if got, want := firstMarker(text[p:], kinds), firstMarkerNaive(text[p:], kinds); got != want {
					t.Fatalf("firstMarker(% x, %v) = %d, want %d", text[p:], kinds, got, want)
				}
				if got, want := lastMarkerEnd(text[p:], kinds), lastMarkerEndNaive(text[p:], kinds); got != want {
					t.Fatalf("lastMarkerEnd(% x, %v) = %d, want %d", text[p:], kinds, got, want)
				}
				if firstMarkerNaive(text[p:], kinds) >= 0 {
					found++
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no marker found: the test proves nothing")
	}
}
