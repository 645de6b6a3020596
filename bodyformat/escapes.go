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
//	\u{X…} (hex digits, any leading zeros)   JavaScript
//	\UXXXXXXXX                               Python
//	\uu…uXXXX (any number of u)              Java (JLS 3.3)
//	\N{DIGIT ONE}, \N{FULLWIDTH DIGIT ONE}    Python (names in any case; escapesnamed.go)
//	\xXX                                     JavaScript, Python (U+0000–U+00FF)
//	\x{X…}                                   Perl
//	\0–\377 in octal                         JavaScript, Python
//	\" \\ \/ \' \b \f \n \r \t               JSON, JavaScript
//	\v \a, \e (ESC)                          C, JavaScript, Python; shell printf, Perl
//	\ and a line end: nothing                JavaScript, Python, shell line continuation
//	  and the white space after it           YAML double-quoted, TOML multi-line strings
//	\ and any other character: itself        JavaScript identity escapes (\8, \q)
//
// A lone surrogate decodes to U+FFFD, as in encoding/json. A backslash at
// the end stays as it is. Each escape is read on its own: one that does
// not decode leaves the others decoded. Strict JSON strings (checked by
// scanJSONString) decode as encoding/json decodes them. Readers that keep
// an unknown escape as it is (Python) are served by find, which reads
// text as written too.
func decodeEscapes(raw, dst []byte, offs []int32) ([]byte, []int32, bool) {
	m := mapped{dst: dst, offs: offs}
	m.grow(len(raw)) // no escape decodes longer than it is written
	decoded := false
	for i := 0; i < len(raw); {
		k := bytes.IndexByte(raw[i:], '\\')
		if k < 0 {
			k = len(raw) - i
		}
		m.copy(raw, i, i+k)
		if i += k; i >= len(raw) {
			break
		}
		r, n := decodeEscape(raw[i:])
		switch {
		case n == 0:
			m.copy(raw, i, i+1) // a backslash that starts no escape
			i++
			continue
		case r >= 0: // a line continuation (r < 0) stands for nothing
			m.rune(r, i)
		}
		decoded = true
		i += n
	}
	dst, offs = m.done(len(raw))
	return dst, offs, decoded
}

// decodeEscape decodes the escape at the start of s (s[0] is a backslash)
// and returns the rune, or -1 for one that stands for nothing, and the
// escape's length, or n == 0 when s starts no escape.
func decodeEscape(s []byte) (r rune, n int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch e := s[1]; {
	case e == 'b':
		return '\b', 2
	case e == 'f':
		return '\f', 2
	case e == 'n':
		return '\n', 2
	case e == 'r':
		return '\r', 2
	case e == 't':
		return '\t', 2
	case e == 'v': // vertical tab: C, JavaScript, Python, JSON5
		return '\v', 2
	case e == 'a': // bell: C, Python
		return '\a', 2
	case e == 'e': // escape: shell printf, Perl, Ruby, GCC
		return '\x1b', 2
	case e == 'x':
		if len(s) >= 3 && s[2] == '{' {
			r, n := decodeBracedAt(s, 3)
			countReadingSteps(max(n, 3)) // the digits looked at, decoded or not
			if n > 0 {
				return r, n // Perl's \x{31}
			}
		}
		if len(s) >= 4 {
			if hi, lo := unhex(s[2]), unhex(s[3]); hi >= 0 && lo >= 0 {
				return rune(hi<<4 | lo), 4
			}
		}
	case e == 'u':
		if r, n := decodeU(s); n > 0 {
			return r, n
		}
	case e == 'N':
		if r, n := decodeNamed(s); n > 0 {
			return r, n
		}
	case e == 'U':
		if len(s) >= 10 {
			if r, ok := hexN(s[2:10]); ok && utf8.ValidRune(r) {
				return r, 10
			}
		}
	case e >= '0' && e <= '7':
		return decodeOctal(s)
	case e == '\n' || e == '\r' || e == ' ' || e == '\t':
		if n := continuationLen(s); n > 0 {
			return -1, n
		}
	}
	// an identity escape: the character itself
	r, size := utf8.DecodeRune(s[1:])
	if r == '\u2028' || r == '\u2029' {
		return -1, 1 + size
	}
	return r, 1 + size
}

// continuationLen returns the length of the line continuation at the
// start of s (s[0] is a backslash), or 0 when s starts none: the
// backslash, the spaces and tabs before a line break (TOML trims them),
// the break (\n, \r\n, \r), and the white space after it, line breaks
// included. JavaScript and Python drop the backslash and the break
// alone, YAML's double-quoted scalars the next line's indentation too,
// TOML's multi-line basic strings all the white space up to the next
// character: read as TOML reads it, "call 138\⏎    12345678" is one
// number, and to the others one whose groups a space sets apart. Every
// byte it passes is one the caller goes on after.
func continuationLen(s []byte) int {
	i := 1
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i == len(s) || s[i] != '\n' && s[i] != '\r' {
		return 0 // "\ " with no line break after it: an identity escape
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// decodeU decodes "\uXXXX" (a surrogate pair of two), or "\u{X…}"; as
// Java does, any number of u may stand before the four hex digits
// (\uuuu0031), at most maxEscapeUs.
func decodeU(s []byte) (rune, int) {
	if len(s) >= 3 && s[2] == '{' {
		return decodeBraced(s)
	}
	k := 2 // where the hex digits start
	for k < len(s) && k-1 < maxEscapeUs && s[k] == 'u' {
		k++
	}
	if k > 2 {
		countReadingSteps(k) // the u of a Java escape looked at
	}
	if len(s) < k+4 {
		return 0, 0
	}
	r := hex4(s[k : k+4])
	if r < 0 {
		return 0, 0
	}
	if !utf16.IsSurrogate(r) {
		return r, k + 4
	}
	if r < 0xDC00 && len(s) >= k+10 && s[k+4] == '\\' && s[k+5] == 'u' {
		if r2 := hex4(s[k+6 : k+10]); r2 >= 0xDC00 && r2 <= 0xDFFF {
			return utf16.DecodeRune(r, r2), k + 10
		}
	}
	return utf8.RuneError, k + 4
}

// maxEscapeUs bounds the u of a Java unicode escape read (\uuuu0031).
const maxEscapeUs = 16

// decodeOctal decodes an octal escape: one to three digits, at most 0377.
func decodeOctal(s []byte) (rune, int) {
	var r rune
	i := 1
	for ; i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '7'; i++ {
		if next := r*8 + rune(s[i]-'0'); next <= 0377 {
			r = next
		} else {
			break
		}
	}
	return r, i
}

// hexN decodes hex digits, reporting false on any other byte.
func hexN(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		d := unhex(c)
		if d < 0 || r > utf8.MaxRune {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// decodeBraced decodes "\u{X…}" at the start of s: hex digits (any
// number of leading zeros, as JavaScript allows) naming a code point that
// is not a surrogate.
func decodeBraced(s []byte) (rune, int) { return decodeBracedAt(s, 3) }

// decodeBracedAt decodes the hex digits of a braced escape that start at
// s[from], after its '{', up to the '}' (\u{X…}, Perl's \x{X…}).
func decodeBracedAt(s []byte, from int) (rune, int) {
	var r rune
	i := from
	for ; i < len(s) && unhex(s[i]) >= 0; i++ {
		if r = r<<4 | rune(unhex(s[i])); r > utf8.MaxRune {
			return 0, 0
		}
	}
	if i == from || i >= len(s) || s[i] != '}' || utf16.IsSurrogate(r) {
		return 0, 0
	}
	return r, i + 1
}
