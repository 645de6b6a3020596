package bodyformat

import "unicode/utf8"

// decodeReplacement returns text as a UTF-8 decoder shows it, every
// invalid sequence one U+FFFD, and for each byte of the result the offset
// in text it comes from (one more entry: len(text)), or ok false when text
// is valid UTF-8. A JSON client (fetch's Response.json(), Go's
// encoding/json) and a page decode so: 5\xff1\xff1\xff9… is shown
// 5�1�1�9…, the digits set apart by a character the engine reads
// between digits, as it reads a U+FFFD written as one. An invalid sequence
// is a lead byte and the continuation bytes its shape calls for
// (invalidLen: E4 BD before a digit is one U+FFFD, not two; ED B0 80, a
// surrogate written as UTF-8, one, not the WHATWG decoder's three): the
// fewest replacement characters a decoder shows, so that digits a lenient
// decoder shows a box apart are not read a gap apart (issue #9).
func decodeReplacement(text []byte) ([]byte, []int32, bool) {
	if utf8.Valid(text) {
		return nil, nil, false
	}
	n := replacedLen(text) // built in arrays of its size: not grown, copied and grown again
	m := mapped{dst: make([]byte, 0, n+utf8.UTFMax), offs: make([]int32, 0, n+utf8.UTFMax+1)}
	start := 0 // the first byte not yet copied
	for {
		at, k, chars := nextInvalid(text, start)
		countReadingSteps(chars)
		if k == 0 {
			break
		}
		countReadingSteps(1)
		m.copy(text, start, at)
		m.rune(utf8.RuneError, at)
		start = at + k
	}
	m.copy(text, start, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// replacedLen is the length of decodeReplacement's reading of text: each
// invalid sequence (nextInvalid) read as U+FFFD, three bytes.
func replacedLen(text []byte) int {
	n := len(text)
	for i := 0; ; {
		at, k, _ := nextInvalid(text, i)
		if k == 0 {
			return n
		}
		n += utf8.RuneLen(utf8.RuneError) - k
		i = at + k
	}
}

// nextInvalid returns where the first invalid sequence of text at or
// after i starts and its length (invalidLen), or len(text) and 0 when
// there is none; and how many characters it stepped over before it (a
// caller's count of steps).
func nextInvalid(text []byte, i int) (at, n, chars int) {
	for i < len(text) {
		if text[i] < utf8.RuneSelf {
			i++
			chars++
			continue
		}
		if r, size := utf8.DecodeRune(text[i:]); r != utf8.RuneError || size > 1 {
			i += size
			chars++
			continue
		}
		return i, invalidLen(text[i:]), chars
	}
	return len(text), 0, chars
}

// invalidLen returns the length of the invalid sequence p opens with
// (p[0] does not start a valid character): its lead byte and the
// continuation bytes after it, as many as the lead's shape calls for
// (RFC 2279's: C0–DF one, E0–EF two, F0–F7 three, F8–FB four, FC–FD
// five), at least 1. A lenient decoder reads such a sequence as one
// character: a surrogate written as UTF-8 (ED B0 80: CESU-8, Java's
// modified UTF-8, Python's surrogatepass), an overlong form (C0 AF as
// '/'), a form beyond Unicode; the WHATWG decoder shows each byte of it
// as a U+FFFD, more than a reader's one character.
func invalidLen(p []byte) int {
	need := 0
	switch b := p[0]; {
	case b >= 0xC0 && b <= 0xDF:
		need = 1
	case b >= 0xE0 && b <= 0xEF:
		need = 2
	case b >= 0xF0 && b <= 0xF7:
		need = 3
	case b >= 0xF8 && b <= 0xFB:
		need = 4
	case b == 0xFC || b == 0xFD:
		need = 5
	}
	n := 1
	for n <= need && n < len(p) && p[n] >= 0x80 && p[n] <= 0xBF {
		countReadingSteps(1)
		n++
	}
	return n
}

// readsNothing is a reading that decodes nothing: decodeReplacement's on
// the flat text of a binary framing (findFlat), whose bytes above ASCII
// are lengths and tags (a varint), no text a decoder shows.
func readsNothing([]byte) ([]byte, []int32, bool) { return nil, nil, false }
