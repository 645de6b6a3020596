package bodyformat

import (
	"bytes"
	"slices"
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
// arguments are all numbers (as charcodeargs.go reads them; bytes up to
// 255) replaced by the string literal it returns, and for
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
	var at []int32  // where each of them stands, reused
	var num []byte  // a number's literal, reused
	done := 0       // text[:done] is in m
	for i := 0; i < len(text); {
		k := bytes.IndexAny(text[i:], "([{")
		if k < 0 {
			break
		}
		open := i + k
		i = open + 1
		start, isBytes, form := codeCallAt(text, open)
		if start < done {
			continue
		}
		// the arguments are parsed before anything is copied: a call that
		// does not parse costs its arguments, not the text before it, and
		// the reading goes on where its parse stopped
		call.dst, call.offs = call.dst[:0], call.offs[:0]
		end, stop := parseCodeArgs(text, open, isBytes, form, &call, &b, &at, &num)
		if end == 0 {
			i = max(i, stop)
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
// text[open] starts (String. before fromCharCode with it), whether its
// arguments are bytes and how they are passed; or start -1 when it is
// none of: fromCharCode( and fromCodePoint( (characters; also
// String["fromCharCode"](, and .apply( or .call( after the name);
// Uint8Array([, Uint8Array.from([ and Uint8Array.of( (Int8Array,
// Uint8ClampedArray too), Buffer.from([, bytes([, bytearray([, byte[] {
// and []byte{ (bytes). White space may stand before each bracket. The
// name is looked at once.
func codeCallAt(text []byte, open int) (start int, isBytes bool, form callForm) {
	p := skipJSSpaceBack(text, open)
	switch text[open] {
	case '{':
		switch {
		case bytes.HasSuffix(text[:p], []byte("[]byte")):
			p -= len("[]byte")
		case p > 0 && text[p-1] == ']':
			q := skipJSSpaceBack(text, p-1)
			if q == 0 || text[q-1] != '[' {
				return -1, false, formArgs
			}
			q = skipJSSpaceBack(text, q-1)
			if !bytes.HasSuffix(text[:q], []byte("byte")) {
				return -1, false, formArgs
			}
			p = q - len("byte")
		default:
			return -1, false, formArgs
		}
		if p > 0 && isJSNameByte(text[p-1]) {
			return -1, false, formArgs
		}
		return p, true, formArgs
	case '[':
		if p == 0 || text[p-1] != '(' {
			return -1, false, formArgs
		}
		p = skipJSSpaceBack(text, p-1)
	case '(':
		if k := bracketCodeName(text[:p]); k > 0 {
			// String["fromCharCode"](: the call from the object's name on
			if q := nameStart(text, p-k); q >= 0 && string(text[q:p-k]) == "String" {
				return q, false, formArgs
			}
			return p - k, false, formArgs // x["fromCharCode"]: its object kept
		}
	}
	q := nameStart(text, p)
	if q < 0 {
		return -1, false, formArgs // a longer name
	}
	name := text[q:p]
	if text[open] == '(' {
		if n, ok := bytes.CutSuffix(name, []byte(".apply")); ok {
			name, form = n, formApply
		} else if n, ok := bytes.CutSuffix(name, []byte(".call")); ok {
			name, form = n, formCall
		}
		switch string(name) {
		case "fromCharCode", "fromCodePoint", "String.fromCharCode", "String.fromCodePoint":
			return q, false, form
		case "Uint8Array.of", "Int8Array.of", "Uint8ClampedArray.of":
			if form == formArgs {
				return q, true, form
			}
		}
		if bytes.HasSuffix(name, []byte(".fromCharCode")) || bytes.HasSuffix(name, []byte(".fromCodePoint")) {
			return q + bytes.LastIndexByte(name, '.') + 1, false, form // x.fromCharCode: the call, its object kept
		}
		return -1, false, formArgs
	}
	switch string(name) {
	case "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint8Array.from", "Int8Array.from", "Uint8ClampedArray.from",
		"Buffer.from", "bytes", "bytearray":
		return q, true, formArgs
	}
	return -1, false, formArgs
}

// bracketCodeNames are the char codes functions as a script names them in
// brackets.
var bracketCodeNames = []string{`["fromCharCode"]`, `['fromCharCode']`, `["fromCodePoint"]`, `['fromCodePoint']`}

// bracketCodeName returns the length of the bracketed char codes name
// before ends with, or 0.
func bracketCodeName(before []byte) int {
	for _, n := range bracketCodeNames {
		if bytes.HasSuffix(before, []byte(n)) {
			return len(n)
		}
	}
	return 0
}

// nameStart returns where the dotted name that ends at text[p-1] starts,
// looked at no further back than maxCodeCallName, or -1 when it runs on
// further.
func nameStart(text []byte, p int) int {
	q := p
	for q > 0 && p-q <= maxCodeCallName && (isJSNameByte(text[q-1]) || text[q-1] == '.') {
		q--
	}
	countReadingSteps(p - q)
	if q > 0 && (isJSNameByte(text[q-1]) || text[q-1] == '.') {
		return -1
	}
	return q
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
// of a byte array (new Uint8Array([…]), bytes([…])) or the codes of an
// .apply (String.fromCharCode.apply(null, […])): text the char codes
// reading reads, not a JSON document a script holds.
func byteArrayAt(text []byte, open int) bool {
	start, isBytes, _ := codeCallAt(text, open)
	if start >= 0 && isBytes {
		return true
	}
	if text[open] != '[' {
		return false
	}
	p := skipJSSpaceBack(text, open)
	if p == 0 || text[p-1] != ',' {
		return false
	}
	p = skipJSSpaceBack(text, p-1)
	q := nameStart(text, p) // the this of the apply
	if q < 0 || q == p {
		return false
	}
	q = skipJSSpaceBack(text, q)
	if q == 0 || text[q-1] != '(' {
		return false
	}
	start, _, form := codeCallAt(text, q-1)
	return start >= 0 && form == formApply
}
