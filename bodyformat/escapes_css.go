package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// CSS spells characters its own way: a backslash, one to six hex digits
// and one optional white space character (\31 \33 \38 is "138"), which a
// browser shows in generated content (content: "\31 \33 8…") and reads in
// selectors and values. JavaScript reads \31 as an octal escape, so CSS
// needs its own reading of the same text.

// decodeCSSEscapes returns raw with its CSS hex escapes decoded, and for
// each byte of it the offset in raw it comes from (one more entry:
// len(raw)), or ok false when raw holds no hex escape.
func decodeCSSEscapes(raw []byte) (_ []byte, _ []int32, ok bool) {
	if !hasCSSHexEscape(raw) {
		return nil, nil, false
	}
	m := mapped{dst: make([]byte, 0, len(raw)), offs: make([]int32, 0, len(raw)+1)}
	for i := 0; i < len(raw); {
		k := bytes.IndexByte(raw[i:], '\\')
		if k < 0 {
			k = len(raw) - i
		}
		m.copy(raw, i, i+k)
		if i += k; i >= len(raw) {
			break
		}
		r, n := cssEscape(raw[i:])
		m.rune(r, i)
		i += n
	}
	dst, offs := m.done(len(raw))
	return dst, offs, true
}

// cssEscape decodes the CSS escape at the start of s (s[0] is a
// backslash): hex digits and one white space after them, or the escaped
// character itself. A lone backslash at the end stands for itself.
func cssEscape(s []byte) (r rune, n int) {
	i := 1
	for i < len(s) && i <= 6 && unhex(s[i]) >= 0 {
		r = r<<4 | rune(unhex(s[i]))
		i++
	}
	if i == 1 {
		if len(s) < 2 {
			return '\\', 1
		}
		c, size := utf8.DecodeRune(s[1:])
		return c, 1 + size
	}
	if i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f') {
		i++
	} else if i+1 < len(s) && s[i] == '\r' && s[i+1] == '\n' {
		i += 2
	} else if i < len(s) && s[i] == '\r' {
		i++
	}
	if r == 0 || r > utf8.MaxRune || r >= 0xD800 && r <= 0xDFFF {
		r = utf8.RuneError
	}
	return r, i
}

// hasCSSHexEscape reports whether raw holds a backslash followed by a hex
// digit.
func hasCSSHexEscape(raw []byte) bool {
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] == '\\' && unhex(raw[i+1]) >= 0 {
			return true
		}
	}
	return false
}
