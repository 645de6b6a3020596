package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// The arguments of a char codes call (charcodes.go), written every way a
// script engine runs to the same string: numbers as the list readings read
// them (jsnumberlist.go: 49, 49.0, 49., 4_9, 49e0, 490e-1, 0x31, 0o61,
// 0b110001) or a legacy octal (061); a comma after the last one; comments
// and JS white space between them (skipJSGap); an array spread into them,
// (...[49,56]); and the array of .apply(this, […]) or Reflect.apply(f,
// this, […]) or the arguments after .call(this, …); each code read as the
// engine reads it (charcodevalue.go). A parse looks at each byte once and
// copies nothing: what the arguments spell goes to the call's own buffer,
// the text around them is copied only once all parse.

// callForm is how a char codes call passes its arguments.
type callForm uint8

const (
	formArgs     callForm = iota // f(49, 56)
	formApply                    // f.apply(null, [49, 56])
	formCall                     // f.call(null, 49, 56)
	formReflect                  // Reflect.apply(f, null, [49, 56])
	formTemplate                 // f`49`: one code, the template's text
)

// codeKind is what a call's arguments are and how the engine reads them.
type codeKind uint8

const (
	kindBytes     codeKind = iota + 1 // bytes of UTF-8: whole numbers 0 to 255
	kindCharCode                      // fromCharCode: UTF-16 units, each number taken modulo 65536 (ToUint16)
	kindCodePoint                     // fromCodePoint: whole numbers 0 to U+10FFFF, else the call throws
)

// codeArgs is the state of one call's parse: what it spells, the bytes of
// a byte array gathered (and where each stands) before they are decoded.
type codeArgs struct {
	kind   codeKind
	far    int  // the furthest the parse got
	high   rune // a high surrogate not yet written, -1 none
	highAt int  // where it stands
	m      *mapped
	b      *[]byte
	at     *[]int32
	num    *[]byte // a number's literal, reused
}

// parseCodeArgs parses the arguments of the call whose bracket opens at
// text[open], passed as form says, appending what they spell to m (runes,
// or bytes gathered in *b, their offsets in *at, and appended once all
// parse), and returns the end of the closing bracket, or end 0 and stop,
// where the parse stopped, when they do not parse. Between stop and open
// stands no call a script runs (only numbers, commas, names, brackets of
// arrays and comments): the reading goes on from stop.
func parseCodeArgs(text []byte, open int, kind codeKind, form callForm, m *mapped, b *[]byte, at *[]int32, num *[]byte) (end, stop int) {
	closer := byte(')')
	switch text[open] {
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	}
	*b, *at = (*b)[:0], (*at)[:0]
	a := codeArgs{kind: kind, m: m, b: b, at: at, num: num, far: open + 1, high: -1}
	if form == formTemplate {
		v, e := a.code(text, open)
		if e == open {
			return 0, open + 1
		}
		a.unit(v, open)
		a.unit(-1, 0)
		return e, 0
	}
	if !a.args(text, open+1, closer, form) {
		return 0, a.far
	}
	a.unit(-1, 0) // a high surrogate last: U+FFFD
	if n := len(*b); kind == kindBytes && n > 0 {
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
	if form == formReflect {
		// Reflect.apply(String.fromCharCode, this, […]): the function
		// named first, then as .apply
		var ok bool
		if p, ok = a.gap(text, p); !ok {
			return false
		}
		q := p
		for q < len(text) && q-p <= maxCodeCallName && (isJSNameByte(text[q]) || text[q] == '.') {
			q++
		}
		countReadingSteps(q - p)
		a.far = q
		if a.kind = codeFuncKind(text[p:q]); a.kind == 0 || q-p > maxCodeCallName {
			return false
		}
		if p, ok = a.gap(text, q); !ok || text[p] != ',' {
			return false
		}
		p, form = p+1, formApply
	}
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

// gap returns where the white space and comments from text[i] on end
// (skipJSGap), a.far moved past them; ok false at the text's end (a
// comment that does not close).
func (a *codeArgs) gap(text []byte, i int) (int, bool) {
	j := skipJSGap(text, i)
	countReadingSteps(j - i)
	a.far = max(a.far, j)
	return j, j < len(text)
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
			v, q := a.code(text, p)
			if q == p {
				return false
			}
			if a.kind == kindBytes {
				*a.b = append(*a.b, byte(v))
				*a.at = append(*a.at, int32(p))
			} else {
				a.unit(v, p)
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
