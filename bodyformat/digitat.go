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

// engineDigit reports a rune the engine reads as a digit
// (detect.DigitRune: a digit of any script, a Chinese numeral, a circled
// ①, superscript ¹, Suzhou 〡 or Roman Ⅰ digit …) or a tag digit
// (U+E0030–E0039, which the tag view reads as ASCII: tagview.go): what a
// refusal counts as digits, so that no spelling a reading joins or reads
// as a number escapes its count, and what the stream's hold and release
// of open tails count and mask (join.go, endsInDigitRune), so a number in
// circled or superscript digits streamed a few a message is masked as
// one in ASCII is. (isDigitRune is the narrower set the charset looks ask.)
func engineDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	_, ok := detect.DigitRune(r)
	return ok || r >= 0xE0030 && r <= 0xE0039
}

// wideDigitAt reports a digit beyond ASCII (engineDigit) that starts at
// text[i]. A byte that starts no character (a continuation byte) starts
// none, so a reading asking it of every byte decodes each character once.
func wideDigitAt(text []byte, i int) bool {
	if text[i] < utf8.RuneSelf || !utf8.RuneStart(text[i]) {
		return false
	}
	r, _ := utf8.DecodeRune(text[i:])
	return engineDigit(r)
}
