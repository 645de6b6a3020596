package bodyformat

import "unicode/utf8"

// A body labelled in a legacy CJK charset and read as UTF-8 too
// (labelThenUTF8, labelAndUTF8) shows each of its characters as one or
// more U+FFFD, which the engine reads between digits (5�1�1�9… is a
// number to a reader). Where the digits on both sides are characters of
// the label too, and the character between them is a whole one of the
// label holding no ASCII digit (138号12345678 in GBK, 号 the bytes BA C5),
// neither reader sees one number: the label's shows 号, the UTF-8 one
// 138��12345678, two numbers a replacement character apart. So in the
// UTF-8 reading the bytes of such a character that are no valid UTF-8 are
// read as '?', what a legacy encoder writes for a character it lacks and
// the engine reads no number through: 138??12345678. A character of the
// label that holds an ASCII digit (GB18030's 0x81 '5' 0x81 '1') keeps its
// U+FFFD, so the digits it hides from the label's reader are read as the
// UTF-8 reader shows them.

// labelBreaks returns b, a body in the stateless one-byte-unit charset cs
// to be read as UTF-8, with every byte that is no valid UTF-8 and lies in
// a character of cs of two bytes or more holding no ASCII digit (charLen)
// a '?': b itself when there is none. The result keeps b's length, so
// what a reading of it finds stands at the same offsets in b. Each byte
// is looked at a bounded number of times.
func labelBreaks(b []byte, cs *charset) []byte {
	if cs.unit != 1 || cs.stateful || isASCII(b) {
		return b
	}
	var out []byte
	for i := 0; i < len(b); {
		countReadingSteps(1)
		n := min(charLen(b[i:], cs), len(b)-i)
		if n < 2 || hasASCIIDigit(b[i:i+n]) {
			i += n
			continue
		}
		for j := i; j < i+n; j++ {
			if b[j] >= utf8.RuneSelf && !inValidUTF8(b, j) {
				if out == nil {
					out = append([]byte(nil), b...)
				}
				out[j] = '?'
			}
		}
		i += n
	}
	if out == nil {
		return b
	}
	return out
}

// hasASCIIDigit reports whether p holds an ASCII digit.
func hasASCIIDigit(p []byte) bool {
	for _, c := range p {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// inValidUTF8 reports whether b[j], a byte outside ASCII, is part of a
// valid UTF-8 sequence in b: one starting at most three bytes before it,
// and spanning it. A sequence is at most four bytes, so at most four
// starts are tried.
func inValidUTF8(b []byte, j int) bool {
	for s := j; s >= 0 && s > j-utf8.UTFMax; s-- {
		countReadingSteps(1)
		if utf8.RuneStart(b[s]) {
			r, n := utf8.DecodeRune(b[s:])
			return !(r == utf8.RuneError && n == 1) && s+n > j
		}
	}
	return false
}
