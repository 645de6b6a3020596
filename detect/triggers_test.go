package detect

import (
	"encoding/binary"
	"math/bits"
	"testing"
)

// TestLoudBytes checks the word-at-a-time skip against the byte table:
// every byte in every position, after quiet bytes and before bytes of
// every kind (quiet, triggers, brackets, bytes that carry or borrow), is
// found to be the first loud one exactly when it is not quiet, and a
// trigger never is quiet.
func TestLoudBytes(t *testing.T) {
	quietByte := func(b int) bool { return quietASCIIByte(byte(b)) }
	for b := 0; b < 256; b++ {
		if quietByte(b) && byteTrigger[b] {
			t.Fatalf("byte %#x is a trigger and would be skipped", b)
		}
		for pos := 0; pos < 8; pos++ {
			for _, after := range []byte{'a', 0x00, 0x22, 0x23, 0x28, 0x29, ',', '.', 0x2F, '0', '@', 0x41, '[', '{', 0x7F, 0x80, 0xC0, 0xC1, 0xE4, 0xFF} {
				word := []byte("abcdefgh")
				word[pos] = byte(b)
				for k := pos + 1; k < 8; k++ {
					word[k] = after
				}
				loud := loudBytes(binary.LittleEndian.Uint64(word))
				first := 8
				if loud != 0 {
					first = bits.TrailingZeros64(loud) >> 3
				}
				want := pos
				if quietByte(b) {
					// the first loud byte is the first of those after, if any
					want = 8
					if pos < 7 && !quietByte(int(after)) {
						want = pos + 1
					}
				}
				if first != want {
					t.Fatalf("% x: first loud byte at %d, want %d", word, first, want)
				}
			}
		}
	}
}

// TestAtSpellingsFirstBytes keeps spelledAtAhead's first-byte test in step
// with atSpellings.
func TestAtSpellingsFirstBytes(t *testing.T) {
	for _, w := range atSpellings {
		if !spelledAtAhead(append([]byte(nil), w...), 0) {
			t.Errorf("%q is not seen ahead", w)
		}
	}
}
