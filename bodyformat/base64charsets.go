package bodyformat

import (
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Base64 that decodes to bytes that are no UTF-8 text is still text to a
// receiver that decodes it in a charset of its own: Java's new
// String(decoded, "GBK"), .NET's Encoding.Unicode.GetString (UTF-16LE,
// the encoding of PowerShell's -EncodedCommand). Full-width digits in GBK
// (A3 B1 A3 B3 …) or in UTF-16 (11 FF 13 FF …: no NUL byte for the
// sniffing of wideOf to see) spell a mobile there. Such bytes are read
// in GB18030 (GBK's superset) or UTF-16 only when a cheap look at them
// (otherCharsetsOf: one look a byte at most, given up at the first byte
// that rules a charset out) finds them text there with digits enough
// for an identifier, and the decoding is read only when it reads as text
// and shows a cluster of digits (otherCharsetShown): random bytes, images
// and compressed data show neither. Big5 and Shift_JIS are not read so.

// otherCharsetFinding returns the first finding of raw, the bytes a
// base64 token decodes to that read as no UTF-8 text, read in each
// charset otherCharsetsOf gives whose decoding otherCharsetShown reads:
// GB18030, then UTF-16LE and UTF-16BE.
func (in *inspector) otherCharsetFinding(raw []byte, hint detect.CategorySet, samples int) (detect.Finding, bool) {
	gb, le, be := otherCharsetsOf(raw)
	for _, w := range []struct {
		cs *charset
		on bool
	}{{csGB18030, gb}, {csUTF16LE, le}, {csUTF16BE, be}} {
		if w.on {
			if f, ok := in.otherCharsetRead(raw, w.cs, hint, samples); ok {
				return f, true
			}
		}
	}
	return detect.Finding{}, false
}

// otherCharsetRead decodes raw in cs and, when otherCharsetShown reads the
// decoding, returns its first finding.
func (in *inspector) otherCharsetRead(raw []byte, cs *charset, hint detect.CategorySet, samples int) (detect.Finding, bool) {
	text, err := cs.decode(raw)
	if err != nil || !otherCharsetShown(text) {
		return detect.Finding{}, false
	}
	fs := in.scan(text, hint, samples)
	if len(fs) == 0 {
		return detect.Finding{}, false
	}
	return fs[0], true
}

// otherCharsetShown reports whether text, bytes decoded in a charset
// other than UTF-8, reads as text there as a body read in a fallback
// charset must (legacyLook.read: no control character but white space,
// few bad characters) and shows a cluster of clusterDigits digits or
// more, clusterGap characters apart at most (legacyLook's, ASCII digits
// counted too: the UTF-8 reading saw none of these bytes).
func otherCharsetShown(text []byte) bool {
	countReadingSteps(len(text))
	var look legacyLook
	cluster := false
	for _, c := range string(text) {
		look.add(c)
		cluster = cluster || look.digits >= clusterDigits
	}
	return cluster && look.read(false)
}

// otherCharsetsOf reports which charsets raw may read as text in and
// show a digit cluster in that its UTF-8 reading does not
// (otherCharsetShown): gb18030 when, walked a GB18030 character at a time,
// raw holds no control byte, at most as many bad characters as
// legacyLook.read allows, and clusterDigits digits, ASCII ones or two- and
// four-byte characters that open as a non-ASCII digit does
// (wideDigitPairs); le and be when it holds clusterDigits code units
// that are digits (digitUnits) in UTF-16LE or UTF-16BE, every unit text
// and nine in ten in the ranges CJK text is written in (cjkCommon). A
// reading is given up at the first byte that rules it out, and the look
// with all three: random bytes, images and the bytes English words decode
// to as base64 have a control byte, a lead byte without its trail or
// code units outside those ranges within a few bytes.
func otherCharsetsOf(raw []byte) (gb18030, le, be bool) {
	pairs, units := wideDigitPairs(), digitUnits()
	maxBad := 1 + len(raw)/badPer
	maxOdd := len(raw) / 2 / 10 // units outside cjkCommon a UTF-16 reading allows
	digits, bad, nle, nbe, oddLE, oddBE := 0, 0, 0, 0, 0, 0
	inGB, inLE, inBE := true, len(raw)%2 == 0, len(raw)%2 == 0
	i, next := 0, 0 // next: where the next GB18030 character starts
	for ; i < len(raw) && (inGB || inLE || inBE); i++ {
		if inGB && i == next {
			digits, bad, next, inGB = gbChar(raw, i, pairs, digits, bad)
			inGB = inGB && bad <= maxBad
		}
		if i%2 != 0 || i+1 >= len(raw) {
			continue
		}
		if inBE {
			nbe, oddBE, inBE = wideUnit(units, rune(raw[i])<<8|rune(raw[i+1]), nbe, oddBE, maxOdd)
		}
		if inLE {
			nle, oddLE, inLE = wideUnit(units, rune(raw[i+1])<<8|rune(raw[i]), nle, oddLE, maxOdd)
		}
	}
	countReadingSteps(i)
	return inGB && digits >= clusterDigits, inLE && nle >= clusterDigits, inBE && nbe >= clusterDigits
}

// gbChar takes the GB18030 character at raw[i] for otherCharsetsOf, with
// digits and bad its counts so far (digits: ASCII digits and characters
// that open as a non-ASCII digit does, by wideDigitPairs; bad: bytes the
// decoder reads as U+FFFD), and returns them, where the next character
// starts, and false when the character is a control one (no text). A lead
// byte whose trail is missing is bad alone: the byte after it starts the
// next character, as the WHATWG decoder reads it.
func gbChar(raw []byte, i int, pairs *[1 << 16]uint8, digits, bad int) (int, int, int, bool) {
	c := raw[i]
	switch {
	case c < 0x80:
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			return digits, bad, i + 1, false
		}
		if c >= '0' && c <= '9' {
			digits++
		}
		return digits, bad, i + 1, true
	case c == 0x80 || c == 0xff || i+1 >= len(raw):
		return digits, bad + 1, i + 1, true
	}
	t, n := raw[i+1], 0
	switch {
	case t >= 0x40 && t <= 0x7e || t >= 0x80 && t <= 0xfe:
		n = 2
	case t >= 0x30 && t <= 0x39 && i+3 < len(raw) && raw[i+2] >= 0x81 && raw[i+2] <= 0xfe && raw[i+3] >= 0x30 && raw[i+3] <= 0x39:
		n = 4
	default:
		return digits, bad + 1, i + 1, true
	}
	if pairs[int(c)<<8|int(t)]&1 != 0 { // bit 0: fallbackCharsets[0], GB18030
		digits++
	}
	return digits, bad, i + n, true
}

// wideUnit takes the next UTF-16 code unit u of a reading otherCharsetsOf
// follows, with digits its digit units so far and odd its units outside
// cjkCommon, and returns them and whether the reading goes on: a unit
// that is no text (a control, a noncharacter) or more than maxOdd units
// outside cjkCommon end it. A surrogate is taken as it comes (a pair's
// two units are both outside cjkCommon's BMP ranges: counted odd).
func wideUnit(units *[1 << 13]byte, u rune, digits, odd, maxOdd int) (int, int, bool) {
	if !utf16.IsSurrogate(u) && !textRune(u) {
		return digits, odd, false
	}
	if units[u>>3]&(1<<(u&7)) != 0 {
		digits++
	}
	if !cjkCommon(u) {
		odd++
	}
	return digits, odd, odd <= maxOdd
}

// digitUnits is a bit for each UTF-16 code unit that is a digit
// (isDigitRune) or the high surrogate of one beyond the BMP (𝟏, the
// mathematical digits).
var digitUnits = sync.OnceValue(func() *[1 << 13]byte {
	var units [1 << 13]byte
	set := func(u uint16) { units[u>>3] |= 1 << (u & 7) }
	for r := rune('0'); r <= '9'; r++ {
		set(uint16(r))
	}
	for _, r := range nonASCIIDigits() {
		if r < 0x10000 {
			set(uint16(r))
		} else if hi, _ := utf16.EncodeRune(r); hi != utf8.RuneError {
			set(uint16(hi))
		}
	}
	return &units
})
