package bodyformat

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"strconv"
	"unicode/utf8"
)

// The value of one argument of a char codes call (charcodeargs.go), as
// the engine (V8) reads it: fromCharCode takes any number modulo 65536
// (ToUint16: 65585 and -65487 are 49, 49.9 is 49, NaN and Infinity are
// 0), fromCodePoint only a whole number from 0 to U+10FFFF (it throws on
// any other: the call is no string), a byte array a whole number from 0
// to 255. A sign may stand before a code (- 65487), and a name a script
// reads as a number (NaN, Infinity, undefined, null, true, false) in
// place of one; not before or in place of a byte. UTF-16 units that make
// a surrogate pair are the one character they are to the engine.

// codeNames are the names a script reads as a number in place of a code.
var codeNames = []struct {
	name string
	v    float64
}{
	{"NaN", math.NaN()}, {"Infinity", math.Inf(1)}, {"undefined", math.NaN()},
	{"null", 0}, {"true", 1}, {"false", 0},
}

// code returns the code at text[p] as the call's kind reads it and where
// it ends; end p when none stands there or the engine throws on it.
func (a *codeArgs) code(text []byte, p int) (v rune, end int) {
	f, e := a.codeValue(text, p, 0)
	if e == p {
		return 0, p
	}
	switch a.kind {
	case kindCharCode:
		return toUint16(f), e
	case kindCodePoint:
		if f != math.Trunc(f) || f < 0 || f > utf8.MaxRune {
			return 0, p
		}
	default:
		if f != math.Trunc(f) || f < 0 || f > 0xFF {
			return 0, p
		}
	}
	return rune(f), e
}

// maxCodeParens bounds the brackets read around one code: ((49)), [[49]].
const maxCodeParens = 8

// codeValue returns the number at text[p], depth brackets in, and where
// it ends; end p when none stands there. A byte is a literal; a code of a
// fromCharCode or fromCodePoint call may have unary signs, stand in
// brackets ((49), -(49)) or be a string the engine converts to a number
// ("49", '0x31', `49`).
func (a *codeArgs) codeValue(text []byte, p, depth int) (f float64, end int) {
	if a.kind == kindBytes {
		f, e := codeLiteral(text, p, a.num, false)
		countReadingSteps(e - p + 1)
		return f, e
	}
	// unary signs, white space and comments between them; -- and ++ are
	// other operators
	q, neg := p, false
	for q < len(text) && (text[q] == '-' || text[q] == '+') {
		if q+1 < len(text) && text[q+1] == text[q] {
			return 0, p
		}
		neg = neg != (text[q] == '-')
		var ok bool
		if q, ok = a.gap(text, q+1); !ok {
			return 0, p
		}
	}
	var e int
	switch {
	case q < len(text) && (text[q] == '(' || text[q] == '['):
		// in brackets, or an array of one (ToNumber([49]) reads "49")
		closer := byte(')')
		if text[q] == '[' {
			closer = ']'
		}
		if depth >= maxCodeParens {
			return 0, p
		}
		r, ok := a.gap(text, q+1)
		if !ok {
			return 0, p
		}
		x := r
		if f, x = a.codeValue(text, r, depth+1); x == r {
			return 0, p
		}
		if x, ok = a.gap(text, x); !ok || text[x] != closer {
			return 0, p
		}
		e = x + 1
	case q < len(text) && (text[q] == '"' || text[q] == '\'' || text[q] == '`'):
		f, e = stringCode(text, q, a.num)
	default:
		f, e = codeLiteral(text, q, a.num, true)
	}
	countReadingSteps(e - q + 1)
	if e == q {
		return 0, p
	}
	if neg {
		f = -f
	}
	return f, e
}

// toUint16 is the engine's ToUint16: NaN and infinities 0, else the
// number truncated and taken modulo 65536.
func toUint16(f float64) rune {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	m := math.Mod(math.Trunc(f), 65536)
	if m < 0 {
		m += 65536
	}
	return rune(m)
}

// codeLiteral returns the value of the numeric literal at text[p] as the
// engine reads it (jsNumberLen: 49.0, 4_9, 49e0, 0o61 are 49, a decimal
// one rounded to the nearest double, one in base 16, 8 or 2 too) or of a
// legacy octal as a sloppy script does (061 is 49, 089 is 89), or with
// names set of a name in codeNames, and where it ends; end p when none
// stands there. num is a buffer the parse reuses.
func codeLiteral(text []byte, p int, num *[]byte, names bool) (v float64, end int) {
	n, _ := jsNumberLen(text, p)
	if n == 0 {
		if names {
			for _, c := range codeNames {
				if e := p + len(c.name); e <= len(text) && string(text[p:e]) == c.name && (e == len(text) || !isJSNameByte(text[e])) {
					return c.v, e
				}
			}
		}
		o, e := legacyOctal(text, p)
		return float64(o), e
	}
	*num = (*num)[:0]
	whole := true
	for _, c := range text[p : p+n] {
		if c != '_' {
			*num = append(*num, c)
			whole = whole && isDigit(c)
		}
	}
	lit := *num
	if whole && len(lit) <= 15 {
		for _, c := range lit {
			v = v*10 + float64(c-'0')
		}
		return v, p + n
	}
	if len(lit) > 2 && lit[0] == '0' && (lit[1]|0x20 == 'x' || lit[1]|0x20 == 'o' || lit[1]|0x20 == 'b') {
		base := 2
		switch lit[1] | 0x20 {
		case 'x':
			base = 16
		case 'o':
			base = 8
		}
		if u, err := strconv.ParseUint(string(lit[2:]), base, 64); err == nil {
			return float64(u), p + n
		}
		i, ok := new(big.Int).SetString(string(lit[2:]), base)
		if !ok {
			return 0, p
		}
		v, _ = new(big.Float).SetInt(i).Float64() // to the nearest double, +Inf past the largest
		return v, p + n
	}
	v, err := strconv.ParseFloat(string(lit), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, p
	}
	return v, p + n // past the largest double: +Inf, as the engine reads it
}

// unit writes the UTF-16 unit or code point v standing at text[at]: a
// high surrogate is held until the next, a pair written as the one
// character it is, a lone surrogate as U+FFFD; v -1 writes only what is
// held.
func (a *codeArgs) unit(v rune, at int) {
	if a.high >= 0 {
		if v >= 0xDC00 && v <= 0xDFFF {
			a.m.rune(0x10000+(a.high-0xD800)<<10+(v-0xDC00), a.highAt)
			a.high = -1
			return
		}
		a.m.rune(utf8.RuneError, a.highAt)
		a.high = -1
	}
	switch {
	case v < 0:
	case v >= 0xD800 && v <= 0xDBFF:
		a.high, a.highAt = v, at
	default:
		a.m.rune(v, at) // a lone low surrogate: U+FFFD
	}
}

// legacyOctal reads a number written with a leading zero at text[p]: in
// base 8 when its digits are all octal, else decimal, as a script run
// outside strict mode does (and Java and Go read 061 as 49 too).
func legacyOctal(text []byte, p int) (v int, end int) {
	if p+1 >= len(text) || text[p] != '0' || !isDigit(text[p+1]) {
		return 0, p
	}
	q, base := p, 8
	for q < len(text) && isDigit(text[q]) && q-p < 9 {
		if text[q] >= '8' {
			base = 10
		}
		q++
	}
	if q < len(text) && (isJSNameByte(text[q]) || text[q] == '.') {
		return 0, p
	}
	for _, c := range text[p:q] {
		v = v*base + int(c-'0')
	}
	return v, q
}

// maxStringCode bounds the string literal read as a code: "  049 ".
const maxStringCode = 256

// stringCode returns the number a string literal at text[p] ("49", '49',
// `49`) is to the engine (ToNumber: white space and line terminators
// around it left out, isJSSpaceRune: "\v49", "49\u00a0", "\u300049"; an
// empty string 0, a decimal literal in base 10 even with leading zeros,
// 0x31, 0o61, 0b110001, Infinity with a sign) and where the literal ends;
// end p when it holds anything else or is longer than maxStringCode.
// Escapes of ASCII are read as the engine reads them (decodeEscape: "\x34\x39",
// "\u0034\u0039", "\u{39}"), and a template's substitutions of whole
// numbers as the digits they show (`4${9}`).
func stringCode(text []byte, p int, num *[]byte) (v float64, end int) {
	quote := text[p]
	var buf [maxStringCode]byte
	n, q := 0, p+1
	for ; q < len(text) && q-p <= maxStringCode && text[q] != quote && text[q] != '\n' && n < len(buf); q++ {
		c := text[q]
		switch {
		case c == '\\':
			r, e := decodeEscape(text[q:min(len(text), q+12)])
			if e == 2 && text[q+1] == 'v' {
				r = '\v' // JS's \v, a vertical tab (no identity escape)
			}
			if e == 0 || r >= utf8.RuneSelf && !isJSSpaceRune(r) {
				return 0, p
			}
			if q += e - 1; r < 0 {
				continue // a line continuation: nothing
			}
			if r >= utf8.RuneSelf {
				if n+utf8.RuneLen(r) > len(buf) {
					return 0, p
				}
				n += utf8.EncodeRune(buf[n:], r) // white space: trimmed
				continue
			}
			c = byte(r)
		case quote == '`' && c == '$' && q+1 < len(text) && text[q+1] == '{':
			// a substitution of a whole number: its digits
			e := q + 2
			for e < len(text) && e-q < 24 && isDigit(text[e]) {
				e++
			}
			if e == q+2 || e >= len(text) || text[e] != '}' || text[q+2] == '0' && e > q+3 || n+e-q-2 > len(buf) {
				return 0, p
			}
			n += copy(buf[n:], text[q+2:e])
			q = e
			continue
		}
		buf[n] = c
		n++
	}
	countReadingSteps(q - p)
	if q >= len(text) || text[q] != quote {
		return 0, p
	}
	s := bytes.TrimFunc(buf[:n], isJSSpaceRune)
	if len(s) == 0 {
		return 0, q + 1
	}
	if f, ok := stringNumber(s, num); ok {
		return f, q + 1
	}
	return 0, p
}

// isJSSpaceRune reports whether r is JS white space or a line terminator
// (jsSpaceLen's set: ToNumber trims them all around a string's number).
func isJSSpaceRune(r rune) bool {
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	return jsSpaceLen(b[:n], 0) == n
}

// stringNumber reads s, a string's text without its white space, as the
// engine's ToNumber does (StringNumericLiteral): a signed decimal or
// Infinity, or an unsigned 0x, 0o or 0b literal; no numeric separators.
func stringNumber(s []byte, num *[]byte) (float64, bool) {
	if len(s) > 2 && s[0] == '0' && (s[1]|0x20 == 'x' || s[1]|0x20 == 'o' || s[1]|0x20 == 'b') {
		if bytes.IndexByte(s, '_') >= 0 {
			return 0, false
		}
		f, e := codeLiteral(s, 0, num, false)
		return f, e == len(s) && e > 0
	}
	body, sign := s, 1.0
	if body[0] == '+' || body[0] == '-' {
		if body[0] == '-' {
			sign = -1
		}
		body = body[1:]
	}
	if string(body) == "Infinity" {
		return math.Inf(int(sign)), true
	}
	// digits, one point, digits, then an exponent: at least one digit
	digits, i := 0, 0
	for i < len(body) && isDigit(body[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(body) && body[i] == '.' {
		i++
		for i < len(body) && isDigit(body[i]) {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(body) && body[i]|0x20 == 'e' {
		i++
		if i < len(body) && (body[i] == '+' || body[i] == '-') {
			i++
		}
		d := i
		for i < len(body) && isDigit(body[i]) {
			i++
		}
		if i == d {
			return 0, false
		}
	}
	if i != len(body) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(body), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return sign * f, true
}
