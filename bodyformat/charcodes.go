package bodyformat

import (
	"bytes"
	"slices"
	"unicode/utf8"
)

// Strings a script computes from character codes: a page that writes
// String.fromCharCode(49,51,56,…) shows the digits those codes are.
// decodeCharCodes reads such a call as the string literal it returns, so
// that the engine, and the reading of joined literals after it, see it.
// Text a program builds from an array of byte values is read so too:
// new Uint8Array([49,51,…]) and Uint8Array.of(…) (Int8Array,
// Uint8ClampedArray), Buffer.from([…]), Python's bytes([…]) and
// bytearray([…]), Java's and C#'s new byte[] {…}, Go's []byte{…}. A bare
// array of numbers is not read: ages or scores between 48 and 57 would
// spell digits.

// maxCodeCallName bounds the name looked at before a call's bracket.
const maxCodeCallName = 40

// codeCallWords are words one of which text holds when it may hold a
// call codeCallAt knows: most texts are passed over by looking for them.
var codeCallWords = [][]byte{[]byte("fromC"), []byte("rray"), []byte("Buffer"), []byte("byte")}

// decodeCharCodes returns text with every call of codeCalls whose
// arguments are all numbers (decimal or 0x hex; bytes up to 255, a comma
// after the last one) replaced by the string literal it returns, and for
// each byte of the result the offset in text it comes from (a character
// or a byte, its argument's), or ok false when text holds no such call.
// A byte that is no UTF-8 reads as U+FFFD. A call that does not parse is
// left as it is; each byte is parsed at most once.
func decodeCharCodes(text []byte) (_ []byte, _ []int32, ok bool) {
	if !slices.ContainsFunc(codeCallWords, func(w []byte) bool { return bytes.Contains(text, w) }) {
		return nil, nil, false
	}
	var m mapped
	var call mapped // what the call being parsed spells, reused
	var b []byte    // a byte array's bytes, reused
	done := 0       // text[:done] is in m
	for i := 0; i < len(text); {
		k := bytes.IndexAny(text[i:], "([{")
		if k < 0 {
			break
		}
		open := i + k
		i = open + 1
		start, isBytes := codeCallAt(text, open)
		if start < done {
			continue
		}
		// the arguments are parsed before anything is copied: a call that
		// does not parse costs its arguments, not the text before it
		call.dst, call.offs = call.dst[:0], call.offs[:0]
		end := parseCodeArgs(text, open, isBytes, &call, &b)
		if end == 0 {
			continue // not such a call: as it is
		}
		if m.dst == nil {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
		}
		m.copy(text, done, start)
		m.bytes([]byte{'"'}, start)
		m.appendFrom(&call)
		m.bytes([]byte{'"'}, end-1)
		ok = true
		done, i = end, end
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, done, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// codeCallAt returns where the name of the call whose bracket opens at
// text[open] starts (String. before fromCharCode with it), and whether
// its arguments are bytes; or start -1 when it is none of: fromCharCode(
// and fromCodePoint( (characters); Uint8Array([, Uint8Array.from([ and
// Uint8Array.of( (Int8Array, Uint8ClampedArray too), Buffer.from([,
// bytes([, bytearray([, byte[] { and []byte{ (bytes). White space may
// stand before each bracket. The name is looked at once.
func codeCallAt(text []byte, open int) (start int, isBytes bool) {
	p := skipJSSpaceBack(text, open)
	switch text[open] {
	case '{':
		switch {
		case bytes.HasSuffix(text[:p], []byte("[]byte")):
			p -= len("[]byte")
		case p > 0 && text[p-1] == ']':
			q := skipJSSpaceBack(text, p-1)
			if q == 0 || text[q-1] != '[' {
				return -1, false
			}
			q = skipJSSpaceBack(text, q-1)
			if !bytes.HasSuffix(text[:q], []byte("byte")) {
				return -1, false
			}
			p = q - len("byte")
		default:
			return -1, false
		}
		if p > 0 && isJSNameByte(text[p-1]) {
			return -1, false
		}
		return p, true
	case '[':
		if p == 0 || text[p-1] != '(' {
			return -1, false
		}
		p = skipJSSpaceBack(text, p-1)
	}
	q := p
	for q > 0 && p-q <= maxCodeCallName && (isJSNameByte(text[q-1]) || text[q-1] == '.') {
		q--
	}
	countReadingSteps(p - q)
	if q > 0 && (isJSNameByte(text[q-1]) || text[q-1] == '.') {
		return -1, false // a longer name
	}
	name := text[q:p]
	if text[open] == '(' {
		switch string(name) {
		case "fromCharCode", "fromCodePoint", "String.fromCharCode", "String.fromCodePoint":
			return q, false
		case "Uint8Array.of", "Int8Array.of", "Uint8ClampedArray.of":
			return q, true
		}
		if bytes.HasSuffix(name, []byte(".fromCharCode")) || bytes.HasSuffix(name, []byte(".fromCodePoint")) {
			return q + bytes.LastIndexByte(name, '.') + 1, false // x.fromCharCode: the call, its object kept
		}
		return -1, false
	}
	switch string(name) {
	case "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint8Array.from", "Int8Array.from", "Uint8ClampedArray.from",
		"Buffer.from", "bytes", "bytearray":
		return q, true
	}
	return -1, false
}

// skipJSSpaceBack returns where the white space that ends at text[i-1]
// starts.
func skipJSSpaceBack(text []byte, i int) int {
	j := i
	for j > 0 && isJSSpace(text[j-1]) {
		j--
	}
	countReadingSteps(i - j)
	return j
}

// isJSNameByte reports whether c may stand in a script's name.
func isJSNameByte(c byte) bool {
	return isASCIILetterByte(c) || isASCIIDigit(c) || c == '_' || c == '$'
}

// byteArrayAt reports whether the bracket at text[open] opens the bytes
// of a byte array (new Uint8Array([…]), bytes([…])): text the char codes
// reading reads, not a JSON document a script holds.
func byteArrayAt(text []byte, open int) bool {
	start, isBytes := codeCallAt(text, open)
	return start >= 0 && isBytes
}

// parseCodeArgs parses the arguments of the call whose bracket opens at
// text[open], numbers set apart by commas (one after the last too when
// they are bytes) up to the closing bracket, appending what they spell to
// m (runes, or bytes gathered in *b and appended once all parse), and
// returns the end of the closing bracket, or 0 when they do not parse.
func parseCodeArgs(text []byte, open int, isBytes bool, m *mapped, b *[]byte) int {
	closer := byte(')')
	switch text[open] {
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	}
	*b = (*b)[:0]
	var at []int32
	p := skipJSSpace(text, open+1)
	for n := 0; ; n++ {
		if isBytes && p < len(text) && text[p] == closer && n > 0 {
			break // a comma after the last byte
		}
		v, q := parseJSInt(text, p)
		countReadingSteps(q - p + 1)
		if q == p || v > utf8.MaxRune || isBytes && v > 0xFF {
			return 0
		}
		if isBytes {
			*b = append(*b, byte(v))
			at = append(at, int32(p))
		} else {
			m.rune(rune(v), p)
		}
		p = skipJSSpace(text, q)
		if p < len(text) && text[p] == closer {
			break
		}
		if p >= len(text) || text[p] != ',' {
			return 0
		}
		p = skipJSSpace(text, p+1)
	}
	for k := 0; k < len(*b); {
		r, size := utf8.DecodeRune((*b)[k:])
		if r == utf8.RuneError && size == 1 {
			m.rune(r, int(at[k]))
		} else {
			m.bytes((*b)[k:k+size], int(at[k]))
		}
		k += size
	}
	return p + 1
}

// parseJSInt parses a decimal or 0x hex integer at text[p] and returns it
// and where it ends (p when there is none). Values beyond utf8.MaxRune
// stop growing past it.
func parseJSInt(text []byte, p int) (v int, end int) {
	base := 10
	if p+2 < len(text) && text[p] == '0' && (text[p+1] == 'x' || text[p+1] == 'X') && unhex(text[p+2]) >= 0 {
		base, p = 16, p+2
	}
	q := p
	for q < len(text) {
		d := unhex(text[q])
		if d < 0 || d >= base {
			break
		}
		if v <= utf8.MaxRune {
			v = v*base + d
		}
		q++
	}
	if q == p {
		return 0, p
	}
	return v, q
}
