package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// digitAt is detect.DigitAt with a character of three bytes (all of CJK,
// the full-width forms) answered from a table of what DigitAt says of
// each: a reading that looks for digit groups through a page of Chinese
// (delimitedRuns) asks it of every character, and DigitAt decodes and
// classifies each one anew. Any other byte is DigitAt's to answer.
func digitAt(text []byte, i int) (size int, ok bool) {
	b := text[i]
	if b < utf8.RuneSelf && b != '&' {
		return 1, isASCIIDigit(b)
	}
	if r, ok := threeByteRune(text[i:]); ok {
		return 3, digitRunes3[r>>6]&(1<<(r&63)) != 0
	}
	return detect.DigitAt(text, i)
}

// threeByteRune decodes the character of three bytes that starts p, or
// reports false when none does (another length, invalid UTF-8, an
// overlong form, a surrogate, too few bytes).
func threeByteRune(p []byte) (rune, bool) {
	if len(p) < 3 || p[0]&0xF0 != 0xE0 || (p[1]^0x80)|(p[2]^0x80) >= 0x40 {
		return 0, false
	}
	r := rune(p[0]&0x0F)<<12 | rune(p[1]&0x3F)<<6 | rune(p[2]&0x3F)
	return r, r >= 0x800 && (r < 0xD800 || r > 0xDFFF)
}

// digitRunes3 has a bit for each character of three bytes DigitAt reads
// as a digit (Chinese numerals, full-width digits, …).
var digitRunes3 = func() (t [0x10000 / 64]uint64) {
	var b [utf8.UTFMax]byte
	for r := rune(0x800); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		n := utf8.EncodeRune(b[:], r)
		if _, ok := detect.DigitAt(b[:n], 0); ok {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()
