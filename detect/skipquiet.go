package detect

import (
	"encoding/binary"
	"math/bits"
)

// The two tight loops of the main pass, where ordinary text spends its
// time: quiet ASCII and CJK characters without an action, skipped many
// bytes at a time. A word is read as text[i:i+8], not text[i:]: the
// slice of a known length costs one bounds test, where text[i:] costs that
// and the arithmetic of a slice of any length.

// skipQuietASCII skips, from text[i], the quiet ASCII bytes (loudBytes)
// eight at a time and returns where the first byte that is not quiet is,
// or where fewer than eight bytes are left.
func skipQuietASCII(text []byte, i int) int {
	for i+8 <= len(text) {
		step()
		if loud := loudBytes(binary.LittleEndian.Uint64(text[i : i+8])); loud != 0 {
			return i + bits.TrailingZeros64(loud)>>3
		}
		i += 8
	}
	return i
}

// skipQuietCJK skips, from text[i], the three-byte characters that have no
// action and returns where the first other byte is. Surrogate forms are
// skipped too: invalid, but they hide no ASCII byte. One mask test checks
// a character's lead and continuation bytes, one bit of cjkQuietStop
// whether it stops here (an action, or an overlong form); two characters
// are read at a time while eight bytes are left.
func skipQuietCJK(text []byte, i int) int {
	for ; i+8 <= len(text); i += 6 {
		step()
		w := binary.LittleEndian.Uint64(text[i : i+8])
		if w&0xC0C0F0C0C0F0 != 0x8080E08080E0 ||
			cjkQuietStop[w&0x3F0F]>>(w>>16&0x3F)&1 != 0 ||
			cjkQuietStop[w>>24&0x3F0F]>>(w>>40&0x3F)&1 != 0 {
			break
		}
	}
	for ; uint(i)+2 < uint(len(text)); i += 3 {
		step()
		w := uint32(text[i]) | uint32(text[i+1])<<8 | uint32(text[i+2])<<16
		// the lead and first continuation byte pick the word, the second
		// continuation byte the bit
		if w&0xC0C0F0 != 0x8080E0 || cjkQuietStop[w&0x3F0F]>>(w>>16&0x3F)&1 != 0 {
			return i
		}
	}
	return i
}
