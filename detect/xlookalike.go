package detect

import (
	"slices"
	"unicode/utf8"
)

// A resident ID ends in a check character that is a digit or X (ten). A
// reader takes many characters for that X: the letter in other scripts and
// styles, the multiplication sign, a cross or a saltire. Only the readers
// of an ID's check character ask (after 17 digits); what else those
// characters are (× between two numbers, ✕ closing a dialog) stays as it
// is, and 17 digits before one are an ID only when X is their check
// character (cnID18OK): "10 × 20" or 12345678901234567 × 3 passes unless
// the digits' checksum is ten, as it would with a letter X.

// checkXLookalike returns, for a character at text[pos] (written or as a
// character reference) that a reader takes for the X ending a resident ID
// (see isXLookalike), the unit of a letter X of its size; any other unit u
// as it is.
func checkXLookalike(text []byte, pos int, u unit) unit {
	r, size := decodeRune(text[pos:])
	if r == '&' {
		if ref, n := decodeCharRef(text[pos:]); n > 0 {
			r, size = ref, n
		} else if n := legacyTimesRef(text[pos:]); n > 0 {
			r, size = '×', n
		}
	}
	if isXLookalike(r) {
		return unit{kind: uLetter, val: 'X', size: size, obf: true}
	}
	return u
}

// legacyTimesRef returns the length of "&times" written without its ';'
// at the start of s, or 0. HTML decodes a few legacy references without
// the ';' in text (&times 谢谢, &times</p> show ×); the other named
// references the engine reads need it (decodeCharRef).
func legacyTimesRef(s []byte) int {
	const ref = "&times"
	if len(s) >= len(ref) && string(s[:len(ref)]) == ref && (len(s) == len(ref) || s[len(ref)] != ';') {
		return len(ref)
	}
	return 0
}

// CheckXAt reports whether text[i] starts the check character X of a
// resident ID in any spelling the engine reads (X, x, a look-alike of
// isXLookalike, a character reference to one) with no letter, digit or '_'
// right after it, and how many bytes it spans: the format layer's readings
// find an ID's check X set apart from its 17 digits as the engine does.
func CheckXAt(text []byte, i int) (size int, ok bool) {
	if i < 0 || i >= len(text) {
		return 0, false
	}
	if c := text[i]; c < utf8.RuneSelf && c != '&' && c|0x20 != 'x' {
		return 0, false // any other ASCII character, without decoding
	}
	u := decodeUnit(text, i)
	if text[i] >= utf8.RuneSelf || text[i] == '&' {
		u = checkXLookalike(text, i, u)
	}
	if u.kind != uLetter || u.val|0x20 != 'x' || wordAfter(text, i+u.size) {
		return 0, false
	}
	return u.size, true
}

// isXLookalike reports whether a reader takes r, outside ASCII, for the
// letter X (see xLookalikes).
func isXLookalike(r rune) bool {
	if r >= mathAlnumFirst && r <= mathAlnumLast {
		// the 13 styles of capital and small letters, A to Z each, of the
		// mathematical alphanumeric symbols; X is the 24th letter
		return (r-mathAlnumFirst)%26 == 'X'-'A'
	}
	_, ok := slices.BinarySearch(xLookalikes, r)
	return ok
}

// The mathematical alphanumeric letters: 13 styles of 52 letters (bold,
// italic, bold italic, script, bold script, fraktur, double-struck, bold
// fraktur, sans-serif, sans-serif bold, sans-serif italic, sans-serif bold
// italic, monospace), capitals then small ones.
const (
	mathAlnumFirst = 0x1D400
	mathAlnumLast  = 0x1D6A3
)

// xLookalikes are the characters outside ASCII, besides the mathematical
// letters above, that a reader takes for X, sorted. The set is derived,
// not picked:
//
//   - confusables: every character whose skeleton in Unicode's
//     confusables.txt (UTS #39) is "X" or "x" alone (the X of Greek,
//     Cyrillic, Coptic, Lisu, Tifinagh, runic, Old Italic and other
//     scripts, the Roman numeral ten, the mathematical capital chi, the
//     multiplication sign, ╳ ⤫ ⤬ ⨯);
//   - decomposition: every character whose compatibility decomposition
//     (NFKD), its combining marks left out, is "X" or "x" (Ẋ Ẍ, circled,
//     squared, superscript, subscript and full-width x; the mathematical
//     letters above): TestXLookalikesDecomposition checks this part
//     against the normalisation tables;
//   - marked letters: Latin and Cyrillic letters named as an X (or ha) with
//     a mark that Unicode does not decompose (ᶍ ꭖ ꭗ ꭘ ꭙ, Ҳ Ӽ Ӿ): the X
//     with a tail, a hook or a stroke;
//   - symbols: the characters whose Unicode name says they are drawn as an
//     X of two strokes (MULTIPLICATION X, BALLOT X, CANCELLATION X, BALLOT
//     BOX WITH X, CIRCLED X, X IN A RECTANGLE BOX, CROSS MARK, SALTIRE,
//     DIAGONAL CROSS, CROSSING LANES, N-ARY TIMES OPERATOR);
//   - kept from the hand list before: small chi (χ ⲭ ꭓ), 乂 and bopomofo ㄨ
//     (an X to a Chinese reader), the parenthesised, negative circled and
//     negative squared X and the regional indicator X.
//
// Not in it: the circled and squared times operators (⊗ ⊠), arrows and
// pictures that hold an X (⥇ 🖾 🩻), scripts' letters named ha, kha or chi
// that are drawn otherwise (ᵡ, Ꭽ, ハ).
var xLookalikes = []rune{
	0x00D7,  // × MULTIPLICATION SIGN (confusable)
	0x02E3,  // ˣ MODIFIER LETTER SMALL X (NFKD)
	0x03A7,  // Χ GREEK CAPITAL LETTER CHI (confusable)
	0x03C7,  // χ GREEK SMALL LETTER CHI
	0x0425,  // Х CYRILLIC CAPITAL LETTER HA (confusable)
	0x0445,  // х CYRILLIC SMALL LETTER HA (confusable)
	0x04B2,  // Ҳ CYRILLIC CAPITAL LETTER HA WITH DESCENDER
	0x04B3,  // ҳ CYRILLIC SMALL LETTER HA WITH DESCENDER
	0x04FC,  // Ӽ CYRILLIC CAPITAL LETTER HA WITH HOOK
	0x04FD,  // ӽ CYRILLIC SMALL LETTER HA WITH HOOK
	0x04FE,  // Ӿ CYRILLIC CAPITAL LETTER HA WITH STROKE
	0x04FF,  // ӿ CYRILLIC SMALL LETTER HA WITH STROKE
	0x1541,  // ᕁ CANADIAN SYLLABICS SAYISI YI (confusable)
	0x157D,  // ᕽ CANADIAN SYLLABICS HK (confusable)
	0x166D,  // ᙭ CANADIAN SYLLABICS CHI SIGN (confusable)
	0x166E,  // ᙮ CANADIAN SYLLABICS FULL STOP (confusable)
	0x16B7,  // ᚷ RUNIC LETTER GEBO GYFU G (confusable)
	0x1D8D,  // ᶍ LATIN SMALL LETTER X WITH PALATAL HOOK
	0x1E8A,  // Ẋ LATIN CAPITAL LETTER X WITH DOT ABOVE (NFKD)
	0x1E8B,  // ẋ LATIN SMALL LETTER X WITH DOT ABOVE (NFKD)
	0x1E8C,  // Ẍ LATIN CAPITAL LETTER X WITH DIAERESIS (NFKD)
	0x1E8D,  // ẍ LATIN SMALL LETTER X WITH DIAERESIS (NFKD)
	0x2093,  // ₓ LATIN SUBSCRIPT SMALL LETTER X (NFKD)
	0x2169,  // Ⅹ ROMAN NUMERAL TEN (confusable, NFKD)
	0x2179,  // ⅹ SMALL ROMAN NUMERAL TEN (confusable, NFKD)
	0x2327,  // ⌧ X IN A RECTANGLE BOX
	0x24B3,  // ⒳ PARENTHESIZED LATIN SMALL LETTER X
	0x24CD,  // Ⓧ CIRCLED LATIN CAPITAL LETTER X (NFKD)
	0x24E7,  // ⓧ CIRCLED LATIN SMALL LETTER X (NFKD)
	0x2573,  // ╳ BOX DRAWINGS LIGHT DIAGONAL CROSS (confusable)
	0x2612,  // ☒ BALLOT BOX WITH X
	0x2613,  // ☓ SALTIRE
	0x26CC,  // ⛌ CROSSING LANES
	0x26DD,  // ⛝ SQUARED SALTIRE
	0x2715,  // ✕ MULTIPLICATION X
	0x2716,  // ✖ HEAVY MULTIPLICATION X
	0x2717,  // ✗ BALLOT X
	0x2718,  // ✘ HEAVY BALLOT X
	0x274C,  // ❌ CROSS MARK
	0x274E,  // ❎ NEGATIVE SQUARED CROSS MARK
	0x292B,  // ⤫ RISING DIAGONAL CROSSING FALLING DIAGONAL (confusable)
	0x292C,  // ⤬ FALLING DIAGONAL CROSSING RISING DIAGONAL (confusable)
	0x2A09,  // ⨉ N-ARY TIMES OPERATOR
	0x2A2F,  // ⨯ VECTOR OR CROSS PRODUCT (confusable)
	0x2B59,  // ⭙ HEAVY CIRCLED SALTIRE
	0x2BBD,  // ⮽ BALLOT BOX WITH LIGHT X
	0x2BBE,  // ⮾ CIRCLED X
	0x2BBF,  // ⮿ CIRCLED BOLD X
	0x2CAC,  // Ⲭ COPTIC CAPITAL LETTER KHI (confusable)
	0x2CAD,  // ⲭ COPTIC SMALL LETTER KHI
	0x2D5D,  // ⵝ TIFINAGH LETTER YATH (confusable)
	0x3128,  // ㄨ BOPOMOFO LETTER U
	0x4E42,  // 乂 CJK UNIFIED IDEOGRAPH-4E42
	0xA4EB,  // ꓫ LISU LETTER SHA (confusable)
	0xA7B3,  // Ꭓ LATIN CAPITAL LETTER CHI (confusable)
	0xAB53,  // ꭓ LATIN SMALL LETTER CHI
	0xAB56,  // ꭖ LATIN SMALL LETTER X WITH LOW RIGHT RING
	0xAB57,  // ꭗ LATIN SMALL LETTER X WITH LONG LEFT LEG
	0xAB58,  // ꭘ LATIN SMALL LETTER X WITH LONG LEFT LEG AND LOW RIGHT RING
	0xAB59,  // ꭙ LATIN SMALL LETTER X WITH LONG LEFT LEG WITH SERIF
	0xFF38,  // Ｘ FULLWIDTH LATIN CAPITAL LETTER X (confusable, NFKD)
	0xFF58,  // ｘ FULLWIDTH LATIN SMALL LETTER X (confusable, NFKD)
	0x10290, // 𐊐 LYCIAN LETTER MM (confusable)
	0x102B4, // 𐊴 CARIAN LETTER X (confusable)
	0x10317, // 𐌗 OLD ITALIC LETTER EKS (confusable)
	0x10322, // 𐌢 OLD ITALIC NUMERAL TEN (confusable)
	0x10527, // 𐔧 ELBASAN LETTER KHE (confusable)
	0x118EC, // 𑣬 WARANG CITI NUMBER THIRTY (confusable)
	0x1D6BE, // 𝚾 MATHEMATICAL BOLD CAPITAL CHI (confusable)
	0x1D6F8, // 𝛸 MATHEMATICAL ITALIC CAPITAL CHI (confusable)
	0x1D732, // 𝜲 MATHEMATICAL BOLD ITALIC CAPITAL CHI (confusable)
	0x1D76C, // 𝝬 MATHEMATICAL SANS-SERIF BOLD CAPITAL CHI (confusable)
	0x1D7A6, // 𝞦 MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL CHI (confusable)
	0x1F127, // 🄧 PARENTHESIZED LATIN CAPITAL LETTER X
	0x1F147, // 🅇 SQUARED LATIN CAPITAL LETTER X (NFKD)
	0x1F167, // 🅧 NEGATIVE CIRCLED LATIN CAPITAL LETTER X
	0x1F187, // 🆇 NEGATIVE SQUARED LATIN CAPITAL LETTER X
	0x1F1FD, // 🇽 REGIONAL INDICATOR SYMBOL LETTER X
	0x1F5D9, // 🗙 CANCELLATION X
	0x1F5F4, // 🗴 BALLOT SCRIPT X
	0x1F5F5, // 🗵 BALLOT BOX WITH SCRIPT X
	0x1F5F6, // 🗶 BALLOT BOLD SCRIPT X
	0x1F5F7, // 🗷 BALLOT BOX WITH BOLD SCRIPT X
	0x1F7A8, // 🞨 THIN SALTIRE
	0x1F7A9, // 🞩 LIGHT SALTIRE
	0x1F7AA, // 🞪 MEDIUM SALTIRE
	0x1F7AB, // 🞫 BOLD SALTIRE
	0x1F7AC, // 🞬 HEAVY SALTIRE
	0x1F7AD, // 🞭 VERY HEAVY SALTIRE
	0x1F7AE, // 🞮 EXTREMELY HEAVY SALTIRE
	0x1FBBD, // 🮽 NEGATIVE DIAGONAL CROSS
	0x1FBC0, // 🯀 WHITE HEAVY SALTIRE WITH ROUNDED CORNERS
}
