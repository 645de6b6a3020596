package bodyformat

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// Backslash escapes are read wherever they occur, as the most lenient
// program on the other side would read them: a JSON or JavaScript parser, a
// Python or PHP decoder, a client printing server-sent events. "\u0031\u0033"
// is "13" to all of them, in a JSON string, in a <script> block, in JSONP or
// in the data of an event, so it is "13" to the filter too.

// decodeEscapes appends raw to dst with every backslash escape decoded, and
// to offs the offset in raw of the escape or byte each decoded byte came
// from, followed by len(raw) (the map rawSpan reads). It reports whether it
// decoded any escape. The escapes:
//
//	\uXXXX, a UTF-16 surrogate pair of two   JSON, JavaScript, Python, Java
//	\u{X…} (one to six hex digits)           JavaScript
//	\xXX                                     JavaScript, Python (U+0000–U+00FF)
//	\" \\ \/ \' \b \f \n \r \t               JSON, JavaScript
//
// A lone surrogate decodes to U+FFFD, as in encoding/json. A backslash that
// starts none of these stays as it is, and so does the byte after it. Each
// escape is read on its own: one that does not decode leaves the others
// decoded. Strict JSON strings (checked by scanJSONString) decode as
// encoding/json decodes them.
func decodeEscapes(raw, dst []byte, offs []int32) ([]byte, []int32, bool) {
	decoded := false
	for i := 0; i < len(raw); {
		k := bytes.IndexByte(raw[i:], '\\')
		if k < 0 {
			k = len(raw) - i
		}
		for j := i; j < i+k; j++ {
			offs = append(offs, int32(j))
		}
		dst = append(dst, raw[i:i+k]...)
		i += k
		if i >= len(raw) {
			break
		}
		r, n := decodeEscape(raw[i:])
		if n == 0 {
			dst = append(dst, '\\')
			offs = append(offs, int32(i))
			i++
			continue
		}
		decoded = true
		m := len(dst)
		dst = utf8.AppendRune(dst, r)
		for range len(dst) - m {
			offs = append(offs, int32(i))
		}
		i += n
	}
	return dst, append(offs, int32(len(raw))), decoded
}

// decodeEscape decodes the escape at the start of s (s[0] is a backslash)
// and returns the rune and the escape's length, or n == 0 when s starts no
// escape.
func decodeEscape(s []byte) (r rune, n int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch e := s[1]; e {
	case '"', '\\', '/', '\'':
		return rune(e), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'x':
		if len(s) >= 4 {
			if hi, lo := unhex(s[2]), unhex(s[3]); hi >= 0 && lo >= 0 {
				return rune(hi<<4 | lo), 4
			}
		}
		return 0, 0
	case 'u':
		if len(s) >= 3 && s[2] == '{' {
			return decodeBraced(s)
		}
		if len(s) < 6 {
			return 0, 0
		}
		if r = hex4(s[2:6]); r < 0 {
			return 0, 0
		}
		if !utf16.IsSurrogate(r) {
			return r, 6
		}
		if r < 0xDC00 && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
			if r2 := hex4(s[8:12]); r2 >= 0xDC00 && r2 <= 0xDFFF {
				return utf16.DecodeRune(r, r2), 12
			}
		}
		return utf8.RuneError, 6
	}
	return 0, 0
}

// decodeBraced decodes "\u{X…}" at the start of s: one to six hex digits
// naming a code point that is not a surrogate.
func decodeBraced(s []byte) (rune, int) {
	var r rune
	i := 3
	for ; i < len(s) && i < 3+6 && unhex(s[i]) >= 0; i++ {
		r = r<<4 | rune(unhex(s[i]))
	}
	if i == 3 || i >= len(s) || s[i] != '}' || r > utf8.MaxRune || utf16.IsSurrogate(r) {
		return 0, 0
	}
	return r, i + 1
}
