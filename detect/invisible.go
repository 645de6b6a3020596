package detect

import "unicode"

// What a receiver draws as nothing or as a mark on the character before
// it, or drops, is read through between digits (uIgnore): a reader sees
// 138\u200B1234… as one number, so the engine does too. What it draws as
// a box or a glyph of a font it has not (a noncharacter, an unassigned or
// a private-use code point) stands between digits as U+FFFD does, as a
// separator (uSep): 138\uFFFF1234… is read as 138 1234…, and 7\uE000138…
// still holds a mobile after the 7 (boxRune). This file is the one place
// that says which characters are so; the C0 controls, DEL and NUL are in
// asciiClass.

// invisibleRune reports whether r, outside ASCII, is read through:
//   - a C1 control (U+0080 to U+009F), as the C0 ones;
//   - a default-ignorable code point: format characters (zero-width
//     spaces and joiners, bidi marks, embeddings, overrides and isolates,
//     the BOM, U+180E, U+2060 to U+2064, tags), variation selectors, and
//     the other ones shown as nothing (U+034F, the Hangul fillers U+115F,
//     U+1160, U+3164, U+FFA0, U+2065, U+E0080 to U+E0FFF);
//   - a mark drawn on the character before it (1̲3̲8̲, 1⃝, 1️⃣).
//
// The tags that mirror printable ASCII (U+E0020–U+E007E) are read through
// here, as a flag's are; the format layer reads them as their ASCII too,
// in a reading of its own (bodyformat's tagchars.go).
func invisibleRune(r rune) bool {
	if r < 0xA0 {
		return r >= 0x80
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)
}

// spaceOrInvisibleRune reports whether r, outside ASCII, is a space
// separator (Zs: a no-break, en, thin or ideographic space) or invisible
// (invisibleRune): what a reader sees as a gap or not at all. A Han
// character, most of what a Chinese text holds outside ASCII, is neither,
// answered before Unicode's tables are searched.
func spaceOrInvisibleRune(r rune) bool {
	return !isHan(r) && (unicode.Is(unicode.Zs, r) || invisibleRune(r))
}

// boxRune reports whether r, outside ASCII and not invisibleRune, is drawn
// as a box or a glyph the reader cannot place: a noncharacter (U+FDD0 to
// U+FDEF, U+xFFFE, U+xFFFF), a private-use code point (an icon font's
// glyph) or an unassigned one. Planes 15 and 16 are private use and
// noncharacters only.
func boxRune(r rune) bool {
	return noncharacter(r) || r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 || !assigned(r)
}

// assigned reports whether r has a general category other than Cn:
// Go's unicode.C holds the unassigned code points too. Symbols (emoji)
// and letters (CJK), most of what is met beyond the BMP, are asked first;
// the digits Unicode added after Go's tables are assigned too
// (laterdigits.go).
func assigned(r rune) bool {
	if unicode.In(r, unicode.S, unicode.L, unicode.M, unicode.N, unicode.P, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs) {
		return true
	}
	_, ok := laterNdValue(r)
	return ok
}

// noncharacter reports the 66 code points Unicode keeps out of text.
func noncharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

// A byte that is no UTF-8 (a lone continuation byte, a surrogate or an
// overlong form, a sequence cut short, F5 to FF) is not read through: the
// format layer writes 0xFF where a binary framing's tags and lengths stand
// (flatcontrols.go) and reads text in a legacy charset as UTF-8 too, and
// both rely on such a byte setting apart the digits around it. What a
// decoder shows for it, U+FFFD, is read by the format layer in a second
// reading of the piece (bodyformat's replacement reading), where it is a
// separator, as a U+FFFD written as such is.
