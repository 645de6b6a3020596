package detect

import "testing"

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
