package detect

import (
	"testing"
	"unicode/utf8"
)

// TestLastRuneAsDecodeLastRune holds lastRune to utf8.DecodeLastRune on
// valid and invalid endings, and at the start of the text: ASCII,
// three-byte characters, surrogate and overlong forms, stray continuation
// bytes, four-byte characters.
func TestLastRuneAsDecodeLastRune(t *testing.T) {
	tails := [][]byte{
		[]byte("号"), []byte("a号"), []byte("电话"), []byte("x"), []byte("é"), []byte("😀"),
		{0xED, 0xA0, 0x80}, {0xE0, 0x80, 0x80}, {0xE0, 0xA0, 0x80}, {0x80, 0x80, 0x80},
		{'a', 0xE4, 0xB8}, {0xE4, 0xB8, 0xAD, 0x80}, {0xEF, 0xBF, 0xBF}, {0xF0, 0x9F, 0x98},
	}
	for _, tail := range tails {
		for _, head := range []string{"", "1", "号", "\xE4"} {
			text := append([]byte(head), tail...)
			for j := 0; j <= len(text); j++ {
				want, wantSize := utf8.DecodeLastRune(text[:j])
				if got, size := lastRune(text, j); got != want || size != wantSize {
					t.Errorf("lastRune(% x, %d) = %U, %d, DecodeLastRune %U, %d", text, j, got, size, want, wantSize)
				}
			}
		}
	}
	for r := rune(0x800); r < 0x10000; r++ {
		b := utf8.AppendRune([]byte("12"), r)
		want, _ := utf8.DecodeLastRune(b)
		if got, _ := lastRune(b, len(b)); got != want {
			t.Fatalf("lastRune(%U) = %U, want %U", r, got, want)
		}
	}
}
