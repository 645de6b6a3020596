package detect

import "encoding/binary"

// holdsThreeByteLead reports whether b holds a byte that starts a
// character of three bytes or more (0xE0 and up): every address marker
// (省, 市, 区, 路, 街 …, markers.go) is such a character, so a text without
// one holds no address. Eight bytes a turn.
func holdsThreeByteLead(b []byte) bool {
	const high = 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		step()
		w := binary.LittleEndian.Uint64(b[i:])
		// bit 7 of a byte stays set when its bits 7, 6 and 5 all are
		if w&(w<<1)&(w<<2)&high != 0 {
			return true
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= 0xE0 {
			return true
		}
	}
	return false
}
