package detect

import (
	"unicode"
	"unicode/utf8"
)

// The normalised view. The scanner never rewrites a text before searching
// it: at a candidate it reads "units", each one character or HTML character
// reference of the original, classified as what it stands for. Offsets stay
// in the original bytes, so every finding maps back exactly.

// unitKind classifies one unit of text.
type unitKind uint8

const (
	uOther  unitKind = iota // anything else; val holds the byte for ASCII punctuation
	uDigit                  // a digit in any spelling; val is '0'..'9'
	uLetter                 // an ASCII or full-width Latin letter; val is the ASCII letter
	uSep                    // a separator that may sit between digits (space, -, ., /, (, ), line break, emoji)
	uIgnore                 // a format character (zero-width, soft hyphen, BOM, variation selector) or a control but white space: invisible
	uAt                     // '@' in any spelling
)

// unit is one decoded unit: what it is and how many bytes it spans.
type unit struct {
	kind unitKind
	val  byte // ASCII equivalent where there is one
	obf  bool // spelled other than as plain ASCII
	size int  // bytes in the original text
}

// cjkDigit maps Chinese numerals, financial numerals and radio readings to
// digits, in Simplified and Traditional characters.
var cjkDigit = map[rune]byte{
	'零': '0', '〇': '0', '洞': '0',
	'一': '1', '壹': '1', '幺': '1', '么': '1', '麼': '1',
	'二': '2', '贰': '2', '两': '2', '貳': '2', '貮': '2', '兩': '2',
	'三': '3', '叁': '3', '參': '3', '叄': '3',
	'四': '4', '肆': '4',
	'五': '5', '伍': '5',
	'六': '6', '陆': '6', '陸': '6',
	'七': '7', '柒': '7', '拐': '7',
	'八': '8', '捌': '8',
	'九': '9', '玖': '9', '勾': '9',
}

// asciiClass classifies every ASCII byte.
var asciiClass = func() (t [128]unit) {
	for b := 0; b < 128; b++ {
		step()
		t[b] = unit{kind: uOther, val: byte(b), size: 1}
	}
	for b := '0'; b <= '9'; b++ {
		step()
		t[b] = unit{kind: uDigit, val: byte(b), size: 1}
	}
	for b := 'A'; b <= 'Z'; b++ {
		step()
		t[b] = unit{kind: uLetter, val: byte(b), size: 1}
		t[b+32] = unit{kind: uLetter, val: byte(b + 32), size: 1}
	}
	for _, b := range " \t\r\n\v\f-./()" {
		step()
		t[b] = unit{kind: uSep, val: byte(b), size: 1}
	}
	t['@'] = unit{kind: uAt, val: '@', size: 1}
	// NUL is dropped from body text by the HTML tree builder and shown as
	// nothing by a terminal: 138\x0012345678 is one number to both. The
	// other controls but white space (SOH, BS, ESC, DEL…) a page draws as
	// nothing or a box and a scraper strips: invisible too
	for b := 0; b < 0x20; b++ {
		if t[b].kind == uOther {
			t[b] = unit{kind: uIgnore, obf: true, size: 1}
		}
	}
	t[0x7f] = unit{kind: uIgnore, obf: true, size: 1}
	return t
}()

// decodeUnit reads the unit starting at text[i]; i must be < len(text).
// An ASCII byte other than '&' is answered here, small enough to be
// inlined where it is called; the rest by decodeUnitSlow.
func decodeUnit(text []byte, i int) unit {
	if u := plainByteUnit[text[i]]; u.size != 0 {
		step()
		return u
	}
	return decodeUnitSlow(text, i)
}

// plainByteUnit is asciiClass indexed by any byte, with no unit (size 0)
// for '&', which may start a character reference, and the bytes outside
// ASCII: decodeUnit answers the others from it alone.
var plainByteUnit = func() (t [256]unit) {
	for b := range utf8.RuneSelf {
		step()
		if b != '&' {
			t[b] = asciiClass[b]
		}
	}
	return t
}()

// decodeUnitSlow is decodeUnit for a character reference or a character
// outside ASCII.
func decodeUnitSlow(text []byte, i int) unit {
	step()
	b := text[i]
	if b < utf8.RuneSelf {
		if b == '&' {
			if r, n := decodeCharRef(text[i:]); n > 0 && r != '&' {
				u := classifyRune(r)
				if u.kind == uOther && r >= utf8.RuneSelf {
					u.val = 0
				}
				u.size, u.obf = n, true
				return u
			}
		}
		return asciiClass[b]
	}
	u, _ := nonASCIIUnitAt(text, i)
	return u
}

// nonASCIIUnitAt is decodeUnit for a text[i] of utf8.RuneSelf or more,
// which also returns the rune written there. A three-byte character (all
// of CJK and the full-width forms) is decoded and classified here, from
// bmpUnit alone; the rest by nonASCIIUnitSlow.
func nonASCIIUnitAt(text []byte, i int) (unit, rune) {
	if uint(i)+2 < uint(len(text)) {
		w := uint32(text[i]) | uint32(text[i+1])<<8 | uint32(text[i+2])<<16
		r := rune(w&0x0F)<<12 | rune(w>>8&0x3F)<<6 | rune(w>>16&0x3F)
		// as cjkRune: neither an overlong form nor a surrogate
		if w&0xC0C0F0 == 0x8080E0 && r>>11 != 0 && r>>11 != 0x1B {
			return bmpUnitOf(r, 3), r
		}
	}
	return nonASCIIUnitSlow(text, i)
}

// nonASCIIUnitSlow is nonASCIIUnitAt for any character but a three-byte
// one, or an invalid byte.
func nonASCIIUnitSlow(text []byte, i int) (unit, rune) {
	r, n := decodeRune(text[i:])
	if r == utf8.RuneError && n == 1 {
		return unit{kind: uOther, size: 1}, r // an invalid byte sets apart what it stands between (invisible.go)
	}
	u := classifyRune(r)
	u.size = n
	return u, r
}

// cjkRune decodes the three-byte character that starts p as decodeRune
// does, or reports false when none does (another length, invalid UTF-8,
// too few bytes): decodeRune's common case, small enough to be inlined
// into the loops that run on every character of an address.
func cjkRune(p []byte) (rune, bool) {
	if len(p) < 3 {
		return 0, false
	}
	r := rune(p[0]&0x0F)<<12 | rune(p[1]&0x3F)<<6 | rune(p[2]&0x3F)
	// neither an overlong form (below U+0800) nor a surrogate (U+D800 to U+DFFF)
	return r, p[0]&0xF0 == 0xE0 && (p[1]^0x80)|(p[2]^0x80) < 0x40 && r>>11 != 0 && r>>11 != 0x1B
}

// decodeRune is utf8.DecodeRune with the three-byte characters (all of
// CJK, most of what the scanner decodes outside ASCII) decoded inline; any
// other input, valid or not, is left to utf8.DecodeRune, so the result is
// always the same as its.
func decodeRune(p []byte) (rune, int) {
	if len(p) > 0 && p[0] < utf8.RuneSelf {
		return rune(p[0]), 1 // as utf8.DecodeRune, inlined where it is called
	}
	return decodeRuneSlow(p)
}

// decodeRuneSlow is decodeRune outside ASCII.
func decodeRuneSlow(p []byte) (rune, int) {
	if len(p) >= 3 && p[0]&0xF0 == 0xE0 && p[1]&0xC0 == 0x80 && p[2]&0xC0 == 0x80 {
		// an overlong form (below U+0800) or a surrogate is invalid
		if r := rune(p[0]&0x0F)<<12 | rune(p[1]&0x3F)<<6 | rune(p[2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRune(p)
}

// isCJKDigit reports whether r is one of the Chinese numerals of cjkDigit.
// Every one of them lies at U+3000 or above and classifies as a digit, so
// the table of classifyRune answers for most characters before the map is
// asked.
func isCJKDigit(r rune) bool {
	if r < 0x3000 || classifyRune(r).kind != uDigit {
		return false
	}
	_, ok := cjkDigit[r]
	return ok
}

// unitRuneAt returns the unit starting at text[i] together with the rune
// written at text[i] (which differs from the unit's for a character
// reference: '&'). Plain ASCII, most of what an address or a number is
// read through, needs neither decoding; i must be < len(text).
func unitRuneAt(text []byte, i int) (unit, rune) {
	b := text[i]
	if b < utf8.RuneSelf {
		if b != '&' {
			step()
			return asciiClass[b], rune(b)
		}
		return decodeUnit(text, i), '&'
	}
	step()                         // as decodeUnit counts its read
	return nonASCIIUnitAt(text, i) // the character decoded once for both
}

// classifyRune classifies one rune, marking every non-ASCII spelling as
// obfuscated.
func classifyRune(r rune) unit {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	if r < 0x10000 {
		return bmpUnitOf(r, 0)
	}
	return slowClassifyRune(r)
}

// bmpUnitOf is classifyRune for a rune of the Basic Multilingual Plane,
// from bmpUnit alone, with the given size.
func bmpUnitOf(r rune, size int) unit {
	p := bmpUnit[r&0xFFFF]
	return unit{kind: unitKind(p >> 8 & 0x7), val: byte(p), obf: p&0x800 != 0, size: size}
}

// bmpUnit caches the classification of every rune of the Basic
// Multilingual Plane, packed as val | kind<<8 | obf<<11.
var bmpUnit = func() *[0x10000]uint16 {
	t := new([0x10000]uint16)
	for r := rune(0x80); r < 0x10000; r++ {
		step()
		u := slowClassifyRune(r)
		p := uint16(u.val) | uint16(u.kind)<<8
		if u.obf {
			p |= 0x800
		}
		t[r] = p
	}
	return t
}()

// slowClassifyRune classifies a rune from the Unicode tables.
func slowClassifyRune(r rune) unit {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	switch {
	case r >= 0xFF10 && r <= 0xFF19: // full-width digits
		return unit{kind: uDigit, val: byte('0' + r - 0xFF10), obf: true}
	case r >= 0xFF21 && r <= 0xFF3A:
		return unit{kind: uLetter, val: byte('A' + r - 0xFF21), obf: true}
	case r >= 0xFF41 && r <= 0xFF5A:
		return unit{kind: uLetter, val: byte('a' + r - 0xFF41), obf: true}
	case r >= 0xFF01 && r <= 0xFF5E: // other full-width ASCII forms
		return classifyFullWidthPunct(byte(r - 0xFF01 + '!'))
	case r == 0xFE6B: // ﹫ SMALL COMMERCIAL AT: '@' under NFKC, as ＠
		return classifyFullWidthPunct('@')
	case r == 0xFE52: // ﹒ SMALL FULL STOP: '.' under NFKC and IDNA, as ．
		return classifyFullWidthPunct('.')
	}
	if d, ok := cjkDigit[r]; ok {
		return unit{kind: uDigit, val: d, obf: true}
	}
	if invisibleRune(r) {
		return unit{kind: uIgnore, obf: true} // invisible.go
	}
	if boxRune(r) {
		return unit{kind: uSep, val: ' ', obf: true} // invisible.go: as U+FFFD
	}
	if d, ok := symbolDigit(r); ok {
		return unit{kind: uDigit, val: d, obf: true}
	}
	switch r {
	case 0x3000, 0x00A0, 0x2007, 0x202F, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
		0x2212, 0x00B7, 0x30FB, 0x2022, 0x2027, 0xFE58, 0xFE63:
		return unit{kind: uSep, val: ' ', obf: true}
	}
	if unicode.IsSpace(r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.Is(unicode.Zs, r) {
		return unit{kind: uSep, val: ' ', obf: true}
	}
	return unit{kind: uOther}
}

// classifyFullWidthPunct classifies a full-width punctuation mark by its
// ASCII twin.
func classifyFullWidthPunct(b byte) unit {
	u := asciiClass[b]
	u.obf = true
	return u
}

// symbolDigit decodes circled, parenthesised, superscript, subscript,
// mathematical and other decimal digits of Unicode.
func symbolDigit(r rune) (byte, bool) {
	switch {
	case r >= 0x2460 && r <= 0x2468: // ①..⑨
		return byte('1' + r - 0x2460), true
	case r == 0x24EA || r == 0x24FF || r == 0x1F10B || r == 0x1F10C: // ⓪ ⓿
		return '0', true
	case r >= 0x2474 && r <= 0x247C: // ⑴..⑼
		return byte('1' + r - 0x2474), true
	case r >= 0x2488 && r <= 0x2490: // ⒈..⒐
		return byte('1' + r - 0x2488), true
	case r >= 0x2776 && r <= 0x277E: // ❶..❾
		return byte('1' + r - 0x2776), true
	case r >= 0x2780 && r <= 0x2788: // ➀..➈
		return byte('1' + r - 0x2780), true
	case r >= 0x278A && r <= 0x2792: // ➊..➒
		return byte('1' + r - 0x278A), true
	case r >= 0x24F5 && r <= 0x24FD: // ⓵..⓽
		return byte('1' + r - 0x24F5), true
	case r >= 0x3220 && r <= 0x3228: // ㈠..㈨, parenthesised 一..九
		return byte('1' + r - 0x3220), true
	case r >= 0x3280 && r <= 0x3288: // ㊀..㊈, circled 一..九
		return byte('1' + r - 0x3280), true
	case r >= 0x1F100 && r <= 0x1F10A: // 🄀 0. and 🄁..🄊 0, to 9,
		return byte('0' + max(r-0x1F101, 0)), true
	case r == 0x2070:
		return '0', true
	case r == 0xB9:
		return '1', true
	case r == 0xB2:
		return '2', true
	case r == 0xB3:
		return '3', true
	case r >= 0x2074 && r <= 0x2079:
		return byte('4' + r - 0x2074), true
	case r >= 0x2080 && r <= 0x2089:
		return byte('0' + r - 0x2080), true
	case r >= 0x1D7CE && r <= 0x1D7FF: // mathematical digits, five sets of ten
		return byte('0' + (r-0x1D7CE)%10), true
	case r >= 0x3021 && r <= 0x3029: // 〡..〩, Suzhou numerals (〇 is zero)
		return byte('1' + r - 0x3021), true
	case r >= 0x2160 && r <= 0x2168: // Ⅰ..Ⅸ, Roman numerals (Ⅹ reads as an ID's X)
		return byte('1' + r - 0x2160), true
	case r >= 0x2170 && r <= 0x2178: // ⅰ..ⅸ, small Roman numerals
		return byte('1' + r - 0x2170), true
	}
	if unicode.Is(unicode.Nd, r) {
		return ndValue(r), true
	}
	return laterNdValue(r) // laterdigits.go
}

// ndValue returns the value of a decimal digit (category Nd): Unicode keeps
// each script's digits as a contiguous run of ten starting at zero.
func ndValue(r rune) byte {
	for _, rg := range unicode.Nd.R16 {
		step()
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte('0' + (r-rune(rg.Lo))%10)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		step()
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte('0' + (r-rune(rg.Lo))%10)
		}
	}
	return '0'
}

// plainByteBefore is asciiClass indexed by any byte, with no unit (size
// 0) for ';', which may end a character reference, and the bytes outside
// ASCII: unitBefore answers the others from it alone.
var plainByteBefore = func() (t [256]unit) {
	for b := range utf8.RuneSelf {
		step()
		if b != ';' {
			t[b] = asciiClass[b]
		}
	}
	return t
}()

// unitBefore returns the unit that ends at text[i] (exclusive) and its
// start, or ok false at the beginning of text. It recognises character
// references ending in ';'. An ASCII byte other than ';' is answered here
// from a table, a three-byte character from bmpUnit; the rest by
// unitBeforeSlow.
func unitBefore(text []byte, i int) (u unit, start int, ok bool) {
	if i <= 0 {
		step()
		return unit{}, 0, false
	}
	if u := plainByteBefore[text[i-1]]; u.size != 0 {
		step()
		return u, i - 1, true
	}
	if i >= 3 {
		if r, ok := cjkRune(text[i-3 : i]); ok {
			// a three-byte character (CJK, full-width forms), the common
			// case outside ASCII: as unitBeforeSlow answers, from bmpUnit
			step()
			return bmpUnitOf(r, 3), i - 3, true
		}
	}
	return unitBeforeSlow(text, i)
}

// unitBeforeSlow is unitBefore after a ';' or after a character outside
// ASCII.
func unitBeforeSlow(text []byte, i int) (u unit, start int, ok bool) {
	step()
	if i <= 0 {
		return unit{}, 0, false
	}
	if text[i-1] == ';' {
		lo := i - 12
		if lo < 0 {
			lo = 0
		}
		for j := i - 2; j >= lo; j-- {
			step()
			if text[j] == '&' {
				if r, n := decodeCharRef(text[j:i]); n == i-j && r != '&' {
					u := classifyRune(r)
					u.size, u.obf = n, true
					return u, j, true
				}
				break
			}
		}
	}
	if text[i-1] < utf8.RuneSelf {
		return asciiClass[text[i-1]], i - 1, true
	}
	r, n := lastRune(text, i)
	u = classifyRune(r)
	u.size = n
	return u, i - n, true
}

// isWordUnit reports whether a unit glues to a number: letters and digits.
// An underscore separates (photo_13812345678.jpg, id_110105…): it glues
// only between hex-looking parts of one token (hexTokenJoin).
func isWordUnit(u unit) bool {
	return u.kind == uDigit || u.kind == uLetter
}

// DigitAt reports whether a digit in any spelling the engine reads (ASCII,
// full-width, Chinese numerals, circled and other Unicode digits, a
// character reference to one) starts at text[i], and how many bytes it
// spans: the format layer's readings find digit groups as the engine
// does. i must be < len(text).
func DigitAt(text []byte, i int) (size int, ok bool) {
	if b := text[i]; b < utf8.RuneSelf && b != '&' {
		return 1, b >= '0' && b <= '9'
	}
	u := decodeUnit(text, i)
	return u.size, u.kind == uDigit
}
