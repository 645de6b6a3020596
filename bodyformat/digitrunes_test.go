package bodyformat

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNonASCIIDigitsEveryRune: the digits the tables are built from
// (nonASCIIDigits) are exactly the runes beyond ASCII isDigitRune reports,
// asked of every code point.
func TestNonASCIIDigitsEveryRune(t *testing.T) {
	var want []rune
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if isDigitRune(r) {
			want = append(want, r)
		}
	}
	got := slices.Clone(nonASCIIDigits())
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("nonASCIIDigits has %d runes, isDigitRune reports %d", len(got), len(want))
	}
}
