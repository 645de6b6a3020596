package detect

import (
	"testing"
	"unicode/utf8"
)

// TestOnlyASCIISpaceBeforeSpacedIBAN guards spacedIBAN's first test: no
// character but the ASCII space reads as one through wideASCIIBefore.
func TestOnlyASCIISpaceBeforeSpacedIBAN(t *testing.T) {
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		b := utf8.AppendRune([]byte("x"), r)
		if c, _ := wideASCIIBefore(b, len(b)); c == ' ' {
			t.Errorf("U+%04X reads as a space before a number", r)
		}
	}
}
