package detect

import (
	"iter"
	"unicode"
)

// Go's unicode tables are Unicode 15.0 (unicode.Version): the decimal
// digits Unicode added after it are unassigned there, so boxRune would set
// them apart as separators while Python 3.14 (int(), NFKC), ICU 76 and
// the browsers and runtimes built on it read them as digits. laterNdZeros
// lists the zero of every such run of ten (general category Nd, from
// UnicodeData.txt); symbolDigit reads them through laterNdValue, and
// assigned counts them as assigned. When Go's tables catch up, the runs
// they know are read by unicode.Nd first and the entries here are idle.
var laterNdZeros = [...]rune{
	// Unicode 16.0
	0x10D40, // GARAY DIGIT ZERO
	0x11BF0, // SUNUWAR DIGIT ZERO
	0x116D0, // MYANMAR PAO DIGIT ZERO
	0x116DA, // MYANMAR EASTERN PWO KAREN DIGIT ZERO
	0x16130, // GURUNG KHEMA DIGIT ZERO
	0x16D70, // KIRAT RAI DIGIT ZERO
	0x1CCF0, // OUTLINED DIGIT ZERO
	0x1E5F1, // OL ONAL DIGIT ZERO
	// Unicode 17.0
	0x11DE0, // TOLONG SIKI DIGIT ZERO
}

// laterNdValue returns the ASCII value of r if it is a decimal digit
// Unicode added after Go's tables (laterNdZeros).
func laterNdValue(r rune) (byte, bool) {
	if r < 0x10000 {
		return 0, false
	}
	for _, z := range laterNdZeros {
		step()
		if r >= z && r <= z+9 {
			return byte('0' + r - z), true
		}
	}
	return 0, false
}

// DecimalDigit reports whether r is a decimal digit (general category Nd)
// of Unicode as the engine reads it: Go's tables and the later digits
// (laterNdZeros). The format layer asks it where it needs a digit of any
// script, so both layers know the same digits.
func DecimalDigit(r rune) bool {
	if r < 0x80 {
		return r >= '0' && r <= '9'
	}
	if unicode.Is(unicode.Nd, r) {
		return true
	}
	_, ok := laterNdValue(r)
	return ok
}

// DecimalDigits yields every rune DecimalDigit reports, in no set order:
// the runs of Go's Nd table and the later digits. A table of digits is
// built from it in a few hundred steps, not by asking DecimalDigit of
// each of Unicode's 1.1 million code points.
func DecimalDigits() iter.Seq[rune] {
	return func(yield func(rune) bool) {
		for _, r := range unicode.Nd.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if !yield(c) {
					return
				}
			}
		}
		for _, r := range unicode.Nd.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if !yield(c) {
					return
				}
			}
		}
		for _, z := range laterNdZeros {
			for c := z; c <= z+9; c++ {
				if !unicode.Is(unicode.Nd, c) && !yield(c) {
					return
				}
			}
		}
	}
}
