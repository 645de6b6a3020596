package bodyformat

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBodyUTF8 checks bodyUTF8's answers against utf8.Valid of the body and
// of the body with a character cut off at its end trimmed, on random joins
// of ASCII, characters of two to four bytes, their first bytes cut off,
// and bytes no UTF-8 holds, whichever of the two is asked first.
func TestBodyUTF8(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"a", "1", " ", "é", "手", "𝟏", "\xe6\x89", "\xe6", "\xf0\x9d\x9f", "\xc3", "\xff", "\x80", "\xed\xa0\x80"}
	tried := [2][2]int{} // by valid whole, valid trimmed
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(8) {
			sb.WriteString(atoms[r.IntN(len(atoms))])
		}
		b := []byte(sb.String())
		whole, trimmed := utf8.Valid(b), utf8.Valid(trimPartialRune(b))
		u := utf8Of(b)
		if r.IntN(2) == 0 {
			u.whole() // asked first, as unlabelledLegacy would be
		}
		if got := u.trimmed(); got != trimmed {
			t.Fatalf("%q: trimmed %v, want %v", b, got, trimmed)
		}
		if got := u.whole(); got != whole {
			t.Fatalf("%q: whole %v, want %v", b, got, whole)
		}
		tried[b2i(whole)][b2i(trimmed)]++
	}
	if tried[1][1] == 0 || tried[0][1] == 0 || tried[0][0] == 0 {
		t.Errorf("the texts do not try every answer: %v", tried)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
