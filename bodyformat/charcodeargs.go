package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// The arguments of a char codes call (charcodes.go), written every way a
// script engine runs to the same string: numbers decimal (49, 49.0, 49.,
// 4_9, 49e0, 490e-1), hex (0x31), octal (0o61) or binary (0b110001); a
// comma after the last one; comments and white space between them; an
// array spread into them, (...[49,56]); and the array of .apply(this,
// […]) or the arguments after .call(this, …). A parse looks at each byte
// once and copies nothing: what the arguments spell goes to the call's
// own buffer, the text around them is copied only once all parse.

// callForm is how a char codes call passes its arguments.
type callForm uint8

const (
	formArgs  callForm = iota // f(49, 56)
	formApply                 // f.apply(null, [49, 56])
	formCall                  // f.call(null, 49, 56)
)

// maxSafeCode bounds a number's value while it is parsed: past it (2^53,
// where a script's numbers stop being exact) the number is not read.
const maxSafeCode = 1 << 53

// codeArgs is the state of one call's parse: what it spells, the bytes of
// a byte array gathered (and where each stands) before they are decoded.
type codeArgs struct {
	isBytes bool
	far     int // the furthest the parse got
	m       *mapped
	b       *[]byte
	at      *[]int32
}

// parseCodeArgs parses the arguments of the call whose bracket opens at
// text[open], passed as form says, appending what they spell to m (runes,
// or bytes gathered in *b, their offsets in *at, and appended once all
// parse), and returns the end of the closing bracket, or end 0 and stop,
// where the parse stopped, when they do not parse. Between stop and open
// stands no call a script runs (only numbers, commas, names, brackets of
// arrays and comments): the reading goes on from stop.
func parseCodeArgs(text []byte, open int, isBytes bool, form callForm, m *mapped, b *[]byte, at *[]int32) (end, stop int) {
	closer := byte(')')
	switch text[open] {
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	}
	*b, *at = (*b)[:0], (*at)[:0]
	a := codeArgs{isBytes: isBytes, m: m, b: b, at: at, far: open + 1}
	if !a.args(text, open+1, closer, form) {
		return 0, a.far
	}
	if n := len(*b); isBytes && n > 0 {
		for k := 0; k < n; {
			r, size := utf8.DecodeRune((*b)[k:])
			if r == utf8.RuneError && size == 1 {
				m.rune(r, int((*at)[k]))
			} else {
				m.bytes((*b)[k:k+size], int((*at)[k]))
			}
			k += size
		}
	}
	return a.far, 0
}

// args parses the arguments from text[p] on as form passes them, and
// reports whether they parse, a.far the end of the closing bracket.
func (a *codeArgs) args(text []byte, p int, closer byte, form callForm) bool {
	if form != formArgs {
		// the this of .apply and .call: a name or a number, unused
		p, _ = a.gap(text, p)
		q := p
		for q < len(text) && q-p <= maxCodeCallName && (isJSNameByte(text[q]) || text[q] == '.') {
			q++
		}
		countReadingSteps(q - p)
		a.far = q
		if q == p || q-p > maxCodeCallName {
			return false
		}
		p, ok := a.gap(text, q)
		if !ok || p >= len(text) || text[p] != ',' {
			return false
		}
		if form == formCall {
			return a.list(text, p+1, closer, true)
		}
		if p, ok = a.gap(text, p+1); !ok || p >= len(text) || text[p] != '[' || !a.list(text, p+1, ']', false) {
			return false
		}
		p, ok = a.gap(text, a.far)
		if ok && p < len(text) && text[p] == ',' {
			p, ok = a.gap(text, p+1)
		}
		if !ok || p >= len(text) || text[p] != closer {
			return false
		}
		a.far = p + 1
		return true
	}
	return a.list(text, p, closer, true)
}

// gap is skipCodeGap, a.far moved past what it skipped.
func (a *codeArgs) gap(text []byte, i int) (int, bool) {
	j, ok := skipCodeGap(text, i)
	a.far = max(a.far, j)
	return j, ok
}

// list parses numbers set apart by commas (a comma after the last too)
// from text[p] on up to closer, an array spread among them when spread is
// set, and reports whether they parse, a.far the end of closer.
func (a *codeArgs) list(text []byte, p int, closer byte, spread bool) bool {
	for n := 0; ; n++ {
		var ok bool
		if p, ok = a.gap(text, p); !ok || p >= len(text) {
			return false
		}
		if text[p] == closer && n > 0 {
			a.far = p + 1 // a comma after the last one
			return true
		}
		if spread && bytes.HasPrefix(text[p:], []byte("...")) {
			q, ok := a.gap(text, p+3)
			if !ok || q >= len(text) || text[q] != '[' || !a.list(text, q+1, ']', false) {
				return false
			}
			p = a.far
		} else {
			v, q := parseCodeNumber(text, p)
			countReadingSteps(q - p + 1)
			if q == p || v > utf8.MaxRune || a.isBytes && v > 0xFF {
				return false
			}
			if a.isBytes {
				*a.b = append(*a.b, byte(v))
				*a.at = append(*a.at, int32(p))
			} else {
				a.m.rune(rune(v), p)
			}
			p = q
			a.far = q
		}
		if p, ok = a.gap(text, p); !ok || p >= len(text) {
			return false
		}
		if text[p] == closer {
			a.far = p + 1
			return true
		}
		if text[p] != ',' {
			return false
		}
		p++
	}
}

// skipCodeGap returns where the white space and comments from text[i] on
// end, or ok false when a comment does not close.
func skipCodeGap(text []byte, i int) (int, bool) {
	for {
		j := skipJSSpace(text, i)
		countReadingSteps(j - i)
		i = j
		if i+1 >= len(text) || text[i] != '/' {
			return i, true
		}
		var e int
		switch text[i+1] {
		case '*':
			e = bytes.Index(text[i+2:], []byte("*/"))
			if e >= 0 {
				e += i + 4
			}
		case '/':
			e = bytes.IndexByte(text[i+2:], '\n')
			if e >= 0 {
				e += i + 3
			}
		default:
			return i, true
		}
		if e < 0 {
			countReadingSteps(len(text) - i)
			return len(text), false
		}
		countReadingSteps(e - i)
		i = e
	}
}

// parseCodeNumber parses a number at text[p] whose value is a whole
// number (49, 49.0, 49., 4_9, 49e0, 490e-1, 0x31, 0o61, 0b110001) and
// returns it and where it ends (p when there is none, or it is no whole
// number, or it is past maxSafeCode).
func parseCodeNumber(text []byte, p int) (v int, end int) {
	if p+2 < len(text) && text[p] == '0' {
		base := 0
		switch text[p+1] | 0x20 {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base > 0 {
			v, q := codeDigits(text, p+2, base, 0)
			if q == p+2 {
				return 0, p
			}
			return v, q
		}
	}
	v, q := codeDigits(text, p, 10, 0)
	if q == p || v > maxSafeCode {
		return 0, p
	}
	// a fraction: only zeros after the point
	if q < len(text) && text[q] == '.' {
		r := q + 1
		for r < len(text) && text[r] == '0' {
			r++
		}
		if r < len(text) && isASCIIDigit(text[r]) {
			return 0, p // a digit but 0 after the point
		}
		q = r
	}
	if q+1 < len(text) && text[q]|0x20 == 'e' {
		r, neg := q+1, false
		if text[r] == '+' || text[r] == '-' {
			neg, r = text[r] == '-', r+1
		}
		e, s := codeDigits(text, r, 10, 0)
		if s == r || e > 16 {
			return 0, p
		}
		for ; e > 0; e-- {
			if neg {
				if v%10 != 0 {
					return 0, p // no whole number
				}
				v /= 10
			} else if v *= 10; v > maxSafeCode {
				return 0, p
			}
		}
		q = s
	}
	if q < len(text) && (isJSNameByte(text[q]) || text[q] == '.') {
		return 0, p // 49px, 4.9.x: no number
	}
	return v, q
}

// codeDigits parses digits of base at text[p] (a '_' between two of them
// kept out, as a script's numeric separator) onto v, which stops growing
// past maxSafeCode, and returns it and where they end.
func codeDigits(text []byte, p, base, v int) (int, int) {
	q := p
	for q < len(text) {
		c := text[q]
		if c == '_' && q > p && q+1 < len(text) && unhex(text[q+1]) >= 0 && unhex(text[q+1]) < base {
			q++
			continue
		}
		d := unhex(c)
		if d < 0 || d >= base {
			break
		}
		if v <= maxSafeCode {
			v = v*base + d
		}
		q++
	}
	return v, q
}
