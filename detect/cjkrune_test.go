package detect

import (
	"testing"
	"unicode/utf8"
)

// TestCJKRuneSameAsDecodeRune checks cjkRune against decodeRune on every
// three bytes that start with a lead byte of two, three or four: where it
// decodes, decodeRune reads the same three-byte character; where
// decodeRune reads one, so does it.
func TestCJKRuneSameAsDecodeRune(t *testing.T) {
	p := make([]byte, 3)
	for b0 := 0xC0; b0 <= 0xFF; b0++ {
		for b1 := 0; b1 <= 0xFF; b1++ {
			for b2 := 0; b2 <= 0xFF; b2++ {
				p[0], p[1], p[2] = byte(b0), byte(b1), byte(b2)
				r, ok := cjkRune(p)
				want, n := decodeRune(p)
				if ok != (n == 3) || ok && r != want {
					t.Fatalf("cjkRune(% x) = %U, %v; decodeRune %U, %d", p, r, ok, want, n)
				}
			}
		}
	}
	for _, p := range [][]byte{nil, {0xE4}, {0xE4, 0xB8}, {'a', 'b', 'c'}} {
		if _, ok := cjkRune(p); ok {
			t.Errorf("cjkRune(% x) decoded a character", p)
		}
	}
}

// TestNonASCIIUnitAtSameAsClassify checks nonASCIIUnitAt's three-byte
// fast path against decodeRune and classifyRune on every three bytes that
// start with a byte outside ASCII, alone and followed by more text: the
// same unit, size and rune, an invalid byte a unit of its own.
func TestNonASCIIUnitAtSameAsClassify(t *testing.T) {
	checked := 0
	for _, tail := range []string{"", "a", "\xe4\xb8\x80"} {
		p := make([]byte, 3, 3+len(tail))
		p = append(p, tail...)
		for b0 := 0x80; b0 <= 0xFF; b0++ {
			for b1 := 0; b1 <= 0xFF; b1++ {
				for b2 := 0; b2 <= 0xFF; b2++ {
					p[0], p[1], p[2] = byte(b0), byte(b1), byte(b2)
					u, r := nonASCIIUnitAt(p, 0)
					wr, n := decodeRune(p)
					want := unit{kind: uOther, size: 1}
					if wr != utf8.RuneError || n != 1 {
						want = classifyRune(wr)
						want.size = n
					}
					if u != want || r != wr {
						t.Fatalf("nonASCIIUnitAt(% x) = %+v, %U; want %+v, %U", p, u, r, want, wr)
					}
					checked++
				}
			}
		}
	}
	if checked != 3*128*256*256 {
		t.Fatalf("checked %d cases", checked)
	}
}
