package detect

import (
	"iter"
	"unicode/utf8"
)

// DigitRune reports whether the engine reads r as a digit, and which
// (d, '0'..'9'): ASCII and full-width digits, Chinese numerals, circled,
// parenthesised, superscript, Suzhou, Roman and the other symbol digits,
// and the decimal digits of every script. It is the one answer the format
// layer asks wherever it counts or looks for digits, so no spelling the
// engine reads as a number is no digit to a refusal or a reading there.
func DigitRune(r rune) (d byte, ok bool) {
	if r < utf8.RuneSelf {
		return byte(r), r >= '0' && r <= '9'
	}
	u := classifyRune(r)
	return u.val, u.kind == uDigit
}

// supplementaryDigits are the runs beyond the BMP that symbolDigit reads
// as digits besides the decimal digits (DecimalDigits).
var supplementaryDigits = [...][2]rune{
	{0x1F100, 0x1F10C}, // 🄀..🄌
	{0x1D7CE, 0x1D7FF}, // mathematical digits
}

// Digits yields every rune beyond ASCII DigitRune reports, each once, in
// no set order: the BMP from its table, and beyond it the decimal digits
// and supplementaryDigits, so a table of them is built without asking
// DigitRune of each of Unicode's 1.1 million code points.
func Digits() iter.Seq[rune] {
	return func(yield func(rune) bool) {
		for r := rune(utf8.RuneSelf); r < 0x10000; r++ {
			if _, ok := DigitRune(r); ok && !yield(r) {
				return
			}
		}
		for r := range DecimalDigits() {
			if _, ok := DigitRune(r); r >= 0x10000 && ok && !inSupplementaryDigits(r) && !yield(r) {
				return
			}
		}
		for _, rg := range supplementaryDigits {
			for r := rg[0]; r <= rg[1]; r++ {
				if _, ok := DigitRune(r); ok && !yield(r) {
					return
				}
			}
		}
	}
}

// inSupplementaryDigits reports a rune of supplementaryDigits.
func inSupplementaryDigits(r rune) bool {
	for _, rg := range supplementaryDigits {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}
