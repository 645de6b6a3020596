package bodyformat

import (
	"bytes"
	"unicode/utf16"
)

// UTF-16 text without a byte-order mark or a label is told by its NUL
// bytes when it is mostly ASCII (sniffWide). Text that opens with Chinese
// has few NUL bytes, or none, before its first ASCII character: a Windows
// export, or Python's .decode("utf-16"), still reads it, and the digits
// further on. So a body that is no plausible UTF-8 (a NUL byte, or bytes
// that are not UTF-8) and whose head reads as CJK text in UTF-16 is
// sniffed as UTF-16 too (sniffCJKWide), and read both in it and as UTF-8
// (sniffedWideBody). Text in a legacy CJK charset has no NUL byte, and
// short runs of it (Shift_JIS above all: its lead bytes read as
// ideographs) can read as CJK in UTF-16: without a NUL byte a whole head
// is asked for.

// cjkMinUnits is the fewest code units a head with a NUL byte must hold
// to be sniffed as CJK text in UTF-16; one without must be sniffLen bytes.
const cjkMinUnits = 8

// sniffCJKWide returns UTF-16LE or UTF-16BE when b is not plausible
// UTF-8 (it holds a NUL byte, or bytes that are not UTF-8) and its head
// (sniffLen bytes, cut to whole code units; cjkMinUnits at least, or a
// whole head when b holds no NUL byte) reads as CJK text in that order
// (cjkText), or nil. Each byte of b is looked at a bounded number of
// times.
func sniffCJKWide(b []byte, valid *bodyUTF8) *charset {
	head := b[:min(len(b), sniffLen)]
	head = head[:len(head)&^1]
	if len(head) < 2*cjkMinUnits {
		return nil
	}
	if bytes.IndexByte(b, 0) < 0 {
		if len(head) < sniffLen || valid.trimmed() {
			return nil // UTF-8 text, as a browser reads it, or too short to tell from a legacy charset
		}
	}
	for _, cs := range []*charset{csUTF16LE, csUTF16BE} {
		if cjkText(head, cs) {
			return cs
		}
	}
	return nil
}

// cjkText reports whether head, whole UTF-16 code units in cs, reads as
// text in it: every character text (textRune), surrogates paired, at
// least nine in ten of them in the ranges CJK text is written in
// (cjkCommon), and at most half of them code units both of whose bytes
// are ASCII text, and at most three in four from U+8100 to U+9FFF. The
// pairs keep out ASCII and Latin-1 text (English read in pairs is CJK:
// "he" is U+6568); the ranges UTF-8 and the legacy CJK charsets (their
// bytes above 0x80 read as surrogates, Hangul or private use) and binary
// data (about half its code units fall elsewhere); the last Shift_JIS,
// whose lead bytes 0x81 to 0x9F read big-endian as ideographs from U+8100
// on (Chinese text has most of its characters below U+8000).
func cjkText(head []byte, cs *charset) bool {
	units, common, asciiPairs, leads := 0, 0, 0, 0
	for i := 0; i+2 <= len(head); i += 2 {
		countReadingSteps(1)
		r := codeUnit(head[i:], cs)
		if utf16.IsSurrogate(r) {
			if r >= 0xdc00 {
				return false // a low surrogate alone
			}
			if i+4 > len(head) {
				break // a pair cut off by the end of the head
			}
			lo := codeUnit(head[i+2:], cs)
			if lo < 0xdc00 || lo > 0xdfff {
				return false
			}
			r, i = utf16.DecodeRune(r, lo), i+2
		}
		if !textRune(r) {
			return false
		}
		units++
		if cjkCommon(r) {
			common++
		}
		if r < 0x10000 && asciiTextByte(head[i]) && asciiTextByte(head[i+1]) {
			asciiPairs++
		}
		if r >= 0x8100 && r < 0xa000 {
			leads++
		}
	}
	return units >= cjkMinUnits && 10*common >= 9*units && 2*asciiPairs <= units && 4*leads <= 3*units
}

// cjkCommon reports whether r is in a range Chinese (or Japanese) text in
// UTF-16 is mostly written in: ASCII and Latin-1, general punctuation,
// CJK symbols and punctuation, kana, the CJK ideographs (extension A
// included), full-width forms, and characters beyond the BMP (emoji,
// extension B). Hangul is not among them: the bytes of GBK and Big5 text
// read in pairs fall there.
func cjkCommon(r rune) bool {
	switch {
	case r < 0x100,
		r >= 0x2000 && r < 0x2070,
		r >= 0x3000 && r < 0x3100,
		r >= 0x3400 && r < 0x4dc0,
		r >= 0x4e00 && r < 0xa000,
		r >= 0xff00 && r < 0xfff0,
		r >= 0x10000:
		return true
	}
	return false
}

// asciiTextByte reports whether c is a printable ASCII byte or white
// space.
func asciiTextByte(c byte) bool {
	return c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r'
}

// CJKUTF16 reports whether head, the first bytes of a body without a
// byte-order mark, is UTF-16 text that opens with CJK characters and is
// no plausible UTF-8 (sniffCJKWide): such a body is read in UTF-16 and as
// UTF-8, whole, never streamed as bytes.
func CJKUTF16(head []byte) bool {
	return sniffCJKWide(head, utf8Of(head)) != nil
}
