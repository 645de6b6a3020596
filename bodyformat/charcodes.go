package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// Strings a script computes from character codes: a page that writes
// String.fromCharCode(49,51,56,…) shows the digits those codes are.
// decodeCharCodes reads such a call as the string literal it returns, so
// that the engine, and the reading of joined literals after it, see it.

// maxCharCodes bounds the arguments of one call that are read.
const maxCharCodes = 64

// decodeCharCodes returns text with every String.fromCharCode(…) and
// String.fromCodePoint(…) whose arguments are all numbers (decimal or 0x
// hex) replaced by the string literal it returns, and for each byte of
// the result the offset in text it comes from (a character, its
// argument's), or ok false when text holds no such call. A call that does
// not parse is left as it is; each byte is parsed at most once.
func decodeCharCodes(text []byte) (_ []byte, _ []int32, ok bool) {
	if bytes.Index(text, []byte("fromC")) < 0 {
		return nil, nil, false
	}
	var m mapped
	var runes [maxCharCodes]rune
	var at [maxCharCodes]int
	done := 0 // text[:done] is in m
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte("fromC"))
		if k < 0 {
			break
		}
		start := i + k
		i = start + len("fromC")
		n, end := parseCharCodeCall(text, start, &runes, &at)
		if end == 0 {
			continue
		}
		if !ok {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			ok = true
		}
		if bytes.HasSuffix(text[:start], []byte("String.")) {
			start -= len("String.")
		}
		m.copy(text, done, start)
		m.bytes([]byte{'"'}, start)
		for j := range n {
			m.rune(runes[j], at[j])
		}
		m.bytes([]byte{'"'}, end-1)
		done, i = end, end
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, done, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// parseCharCodeCall parses the call whose name starts at text[start]
// ("fromCharCode" or "fromCodePoint", white space, its arguments in
// parentheses) into runes and the offsets of their arguments, and returns
// their count and the end of the call, or end 0 when it is no such call
// with maxCharCodes numeric arguments at most.
func parseCharCodeCall(text []byte, start int, runes *[maxCharCodes]rune, at *[maxCharCodes]int) (n, end int) {
	p := start
	switch {
	case bytes.HasPrefix(text[p:], []byte("fromCharCode")):
		p += len("fromCharCode")
	case bytes.HasPrefix(text[p:], []byte("fromCodePoint")):
		p += len("fromCodePoint")
	default:
		return 0, 0
	}
	p = skipJSSpace(text, p)
	if p >= len(text) || text[p] != '(' {
		return 0, 0
	}
	p = skipJSSpace(text, p+1)
	for n < maxCharCodes {
		v, q := parseJSInt(text, p)
		if q == p || v > utf8.MaxRune {
			return 0, 0
		}
		runes[n], at[n] = rune(v), p
		n++
		p = skipJSSpace(text, q)
		if p < len(text) && text[p] == ')' {
			return n, p + 1
		}
		if p >= len(text) || text[p] != ',' {
			return 0, 0
		}
		p = skipJSSpace(text, p+1)
	}
	return 0, 0
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
