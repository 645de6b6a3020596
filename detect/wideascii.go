package detect

import "unicode/utf8"

// wideASCII returns the printable ASCII character at text[p], written as
// itself or in its full-width form (ｗｘ１２３ for wx123), and its size in
// bytes; a character that is neither gives size 0. Readers of values made
// by machines (WeChat IDs, coordinates) read a full-width spelling, the
// cheapest evasion, through it.
func wideASCII(text []byte, p int) (byte, int) {
	if b := text[p]; b < utf8.RuneSelf {
		return b, 1 // inlined where it is called
	}
	return wideASCIISlow(text, p)
}

// wideASCIISlow is wideASCII outside ASCII.
func wideASCIISlow(text []byte, p int) (byte, int) {
	// U+FF01..U+FF5E: EF BC 81..BF and EF BD 80..9E
	if len(text)-p >= 3 && text[p] == 0xEF && text[p+2]&0xC0 == 0x80 &&
		(text[p+1] == 0xBC && text[p+2] >= 0x81 || text[p+1] == 0xBD && text[p+2] <= 0x9E) {
		r := rune(text[p+1]&0x3F)<<6 | rune(text[p+2]&0x3F) | 0xF000
		return byte(r - 0xFF01 + '!'), 3
	}
	return 0, 0
}
