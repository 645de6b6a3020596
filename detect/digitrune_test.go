package detect

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestDigitsEveryRune: Digits yields exactly the runes beyond ASCII
// DigitRune reports, each once, asked of every code point; and DigitRune
// answers as the engine's classification does (a circled ③, a
// superscript ³, a Suzhou 〣, a Roman Ⅲ and a full-width ３ are 3).
func TestDigitsEveryRune(t *testing.T) {
	var want []rune
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if _, ok := DigitRune(r); ok {
			want = append(want, r)
		}
	}
	got := slices.Collect(Digits())
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("Digits yields %d runes, DigitRune reports %d", len(got), len(want))
	}
	for _, r := range "③³〣Ⅲ３三⑶𝟑" {
		if d, ok := DigitRune(r); !ok || d != '3' {
			t.Errorf("DigitRune(%q) = %q, %v", r, d, ok)
		}
	}
	for _, r := range "aXⅩ\u200b" {
		if _, ok := DigitRune(r); ok {
			t.Errorf("DigitRune(%q) reports a digit", r)
		}
	}
}
