package detect

import (
	"encoding/binary"
	"testing"
)

// TestASCIIQuiet8 checks the word-at-a-time skip against the byte table for
// every ASCII byte in every position.
func TestASCIIQuiet8(t *testing.T) {
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 8; pos++ {
			word := []byte("abcdefgh")
			word[pos] = byte(b)
			quiet := asciiQuiet8(binary.LittleEndian.Uint64(word))
			trigger := b >= 0x80 || byteTrigger[b]
			if quiet && trigger {
				t.Fatalf("byte %#x at %d skipped although it triggers", b, pos)
			}
			if !quiet && b < 0x80 && !(b >= 0x23 && b <= 0x40) && b != '[' && b != '{' {
				t.Fatalf("byte %#x at %d not skipped", b, pos)
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
