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

// decodeCharCodes returns text with every call of codeCalls whose arguments
// are all codes (as charcodeargs.go and charcodevalue.go read them:
// fromCharCode's modulo 65536, bytes up to 255) replaced by the string
// literal it returns, and for each byte of the result the offset in text it
// comes from (a character or a byte, its argument's), or ok false when text
// holds no such call. A byte that is no UTF-8 reads as U+FFFD. A call that
// does not parse is left as it is; each byte is parsed at most once.
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
		k := bytes.IndexAny(text[i:], "([{`")
		if k < 0 {
			break
		}
		open := i + k
		i = open + 1
		start, kind, form := codeCallAt(text, open)
		if start < done {
			continue
		}
		// the arguments are parsed before anything is copied: a call that
		// does not parse costs its arguments, not the text before it, and
		// the reading goes on where its parse stopped
		call.dst, call.offs = call.dst[:0], call.offs[:0]
		end, stop := parseCodeArgs(text, open, kind, form, &call, &b, &at, &num)
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

// codeCallEnd returns the end of the closing bracket of the char codes
// call (codeCallAt) whose "(" opens at text[open] when all its arguments
// are codes, or 0: such a call is the string it returns, and the arrays
// of one among its arguments (fromCharCode([49])) are its codes, no
// documents of their own (statementDocs). sc is reused from call to
// call.
func codeCallEnd(text []byte, open int, sc *codeScratch) int {
	start, kind, form := codeCallAt(text, open)
	if start < 0 || text[open] != '(' {
		return 0
	}
	sc.call.dst, sc.call.offs = sc.call.dst[:0], sc.call.offs[:0]
	end, _ := parseCodeArgs(text, open, kind, form, &sc.call, &sc.b, &sc.at, &sc.num)
	return end
}

// codeScratch holds what parseCodeArgs writes, reused across calls.
type codeScratch struct {
	call   mapped
	b, num []byte
	at     []int32
}

// codeCallAt returns where the name of the call whose bracket opens at
// text[open] starts (String. before fromCharCode with it), what its
// arguments are and how they are passed; or start -1 when it is none of:
// fromCharCode( and fromCodePoint( (also String["fromCharCode"](, .apply(
// or .call( after either name, an optional call ?.(, a tagged template
// f`49`, and Reflect.apply(, its function the first argument);
// Uint8Array([, Uint8Array.from([ and Uint8Array.of( (Int8Array,
// Uint8ClampedArray too), Buffer.from([, bytes([, bytearray([, byte[] { and
// []byte{ (bytes). White space may stand before each bracket. The name is
// looked at once.
func codeCallAt(text []byte, open int) (start int, kind codeKind, form callForm) {
	p := skipJSSpaceBack(text, open)
	switch text[open] {
	case '{':
		switch {
		case bytes.HasSuffix(text[:p], []byte("[]byte")):
			p -= len("[]byte")
		case p > 0 && text[p-1] == ']':
			q := skipJSSpaceBack(text, p-1)
			if q == 0 || text[q-1] != '[' {
				return -1, 0, formArgs
			}
			q = skipJSSpaceBack(text, q-1)
			if !bytes.HasSuffix(text[:q], []byte("byte")) {
				return -1, 0, formArgs
			}
			p = q - len("byte")
		default:
			return -1, 0, formArgs
		}
		if p > 0 && isJSNameByte(text[p-1]) {
			return -1, 0, formArgs
		}
		return p, kindBytes, formArgs
	case '[':
		if p == 0 || text[p-1] != '(' {
			return -1, 0, formArgs
		}
		p = skipJSSpaceBack(text, p-1)
	case '(', '`':
		// a call, or a tagged template (String.fromCharCode`49`: its one
		// argument the template's strings, read as a number)
		f := formTemplate
		if text[open] == '(' {
			f = formArgs
			if bytes.HasSuffix(text[:p], []byte("?.")) {
				p = skipJSSpaceBack(text, p-2) // an optional call: f?.(49)
			}
		}
		// String["fromCharCode"](, .apply( or .call( after it: the call
		// from the object's name on
		q := p
		if f == formArgs {
			if n, ok := bytes.CutSuffix(text[:p], []byte(".apply")); ok {
				q, f = len(n), formApply
			} else if n, ok := bytes.CutSuffix(text[:p], []byte(".call")); ok {
				q, f = len(n), formCall
			}
		}
		if k, kd := bracketCodeName(text[:q]); k > 0 {
			if s := nameStart(text, q-k); s >= 0 && string(text[s:q-k]) == "String" {
				return s, kd, f
			}
			return q - k, kd, f // x["fromCharCode"]: its object kept
		}
	}
	q := nameStart(text, p)
	if q < 0 {
		return -1, 0, formArgs // a longer name
	}
	name := text[q:p]
	switch text[open] {
	case '`':
		form = formTemplate
	case '(':
		if string(name) == "Reflect.apply" {
			return q, 0, formReflect // its kind is its first argument's
		}
		if n, ok := bytes.CutSuffix(name, []byte(".apply")); ok {
			name, form = n, formApply
		} else if n, ok := bytes.CutSuffix(name, []byte(".call")); ok {
			name, form = n, formCall
		}
		switch string(name) {
		case "Uint8Array.of", "Int8Array.of", "Uint8ClampedArray.of":
			if form == formArgs {
				return q, kindBytes, form
			}
			return -1, 0, formArgs
		}
	}
	if text[open] == '(' || text[open] == '`' {
		if k := codeFuncKind(name); k != 0 {
			if d := bytes.LastIndexByte(name, '.'); d >= 0 && string(name[:d]) != "String" {
				return q + d + 1, k, form // x.fromCharCode: the call, its object kept
			}
			return q, k, form
		}
		return -1, 0, formArgs
	}
	switch string(name) {
	case "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint8Array.from", "Int8Array.from", "Uint8ClampedArray.from",
		"Buffer.from", "bytes", "bytearray":
		return q, kindBytes, formArgs
	}
	return -1, 0, formArgs
}

// codeFuncKind returns the kind of codes the function a dotted name ends
// in takes (fromCharCode, x.fromCodePoint), or 0 when it names none.
func codeFuncKind(name []byte) codeKind {
	if d := bytes.LastIndexByte(name, '.'); d >= 0 {
		name = name[d+1:]
	}
	switch string(name) {
	case "fromCharCode":
		return kindCharCode
	case "fromCodePoint":
		return kindCodePoint
	}
	return 0
}

// bracketCodeNames are the char codes functions as a script names them in
// brackets, and the kind of codes each takes.
var bracketCodeNames = []struct {
	name string
	kind codeKind
}{
	{`["fromCharCode"]`, kindCharCode}, {`['fromCharCode']`, kindCharCode},
	{`["fromCodePoint"]`, kindCodePoint}, {`['fromCodePoint']`, kindCodePoint},
}

// bracketCodeName returns the length of the bracketed char codes name
// before ends with and the kind of codes it takes, or 0.
func bracketCodeName(before []byte) (int, codeKind) {
	for _, n := range bracketCodeNames {
		if bytes.HasSuffix(before, []byte(n.name)) {
			return len(n.name), n.kind
		}
	}
	return 0, 0
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
// .apply or Reflect.apply (String.fromCharCode.apply(null, […])): text
// the char codes reading reads, not a JSON document a script holds.
func byteArrayAt(text []byte, open int) bool {
	start, kind, _ := codeCallAt(text, open)
	if start >= 0 && kind == kindBytes {
		return true
	}
	if text[open] != '[' {
		return false
	}
	q, _ := argBefore(text, open) // the this of the apply
	if q < 0 {
		return false
	}
	if text[q-1] == ',' {
		// Reflect.apply(f, this, […]): f a char codes function's name
		var f []byte
		if q, f = argBefore(text, q); q < 0 || codeFuncKind(f) == 0 {
			return false
		}
		start, _, form := codeCallAt(text, q-1)
		return start >= 0 && form == formReflect
	}
	start, _, form := codeCallAt(text, q-1)
	return start >= 0 && form == formApply
}

// argBefore returns q and the argument before text[at] when it is a
// dotted name set apart from text[at] by a comma and opened by a '(' or
// another comma (text[q-1]), white space around them; or q -1.
func argBefore(text []byte, at int) (int, []byte) {
	p := skipJSSpaceBack(text, at)
	if p == 0 || text[p-1] != ',' {
		return -1, nil
	}
	p = skipJSSpaceBack(text, p-1)
	n := nameStart(text, p)
	if n < 0 || n == p {
		return -1, nil
	}
	q := skipJSSpaceBack(text, n)
	if q == 0 || text[q-1] != '(' && text[q-1] != ',' {
		return -1, nil
	}
	return q, text[n:p]
}
