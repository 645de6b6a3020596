package bodyformat

// A script holds its data in object and array literals as often as in
// JSON: var u = {mobile: '138', m2: '1234', m3: '5678'};, keys bare or in
// single quotes, strings in single quotes, trailing commas, comments. A
// page shows such a record's members side by side as it shows a JSON
// object's. The JSON walker reads them in a lenient mode (jsonWalker.js)
// that takes those spellings and no more: the values are literals
// (strings in any quote, a template without ${…} too, numbers, true,
// false, null, undefined, a minifier's !0 and !1, objects, arrays) or a
// name (a variable, a.b.c: read as nothing); a literal holding other code
// (a call, an operator, a function) is no data literal and is read as
// text. jsValueLen tells where such a
// literal ends, each byte looked at once.

// maxJSDepth is the nesting jsValueLen keeps without allocating; it
// follows deeper literals too, five bytes a level (the walker has its own
// bound, Limits.MaxDepth), so that a literal's end and its inner literals
// do not depend on what encloses it (statementDocs skips the candidates
// nested in one that is none).
const maxJSDepth = 64

// jsValueLen returns the length of the JavaScript data literal b starts
// with (an object or an array of literals: the JSON grammar with bare or
// single-quoted keys, single-quoted strings, undefined, trailing commas
// and comments), and whether it is one; when it is not, how much of b was
// read to tell. Each byte is looked at once. With inner, the literals
// nested in b's that closed before what made it none (new Vue({data:
// {…}, methods: {f() {}}}): data's object) are appended to it, the
// outermost ones only, in order.
func jsValueLen(b []byte, inner *[]wrapping) (int, bool) {
	var stackA [maxJSDepth]byte
	var opensA [maxJSDepth]int32
	stack := stackA[:0] // the closing brackets of the literals open
	opens := opensA[:0] // and where they open: five bytes a level in all
	depth := 0
	i := 0
	defer func() { countReadingSteps(i + 1) }()
	value := true  // a value is expected next (else a key)
	colon := false // right after a key's ':': no closing bracket
	for i < len(b) {
		if depth > 0 {
			i = skipJSComments(b, i)
			if i >= len(b) {
				break
			}
		}
		c := b[i]
		if depth > 0 && !colon && c == stack[depth-1] {
			// the end of a literal (after a trailing comma or none)
			depth--
			open := int(opens[depth])
			stack, opens = stack[:depth], opens[:depth]
			i++
			if depth == 0 {
				return i, true
			}
			if inner != nil {
				addInner(inner, open, i)
			}
			var more bool
			if i, value, more = afterJSValue(b, i, stack[depth-1]); !more {
				return i, false
			}
			continue
		}
		if !value {
			// a key: a string, a bare name or digits, then ':'
			n := jsKeyLen(b, i)
			if n == 0 {
				return i + 1, false
			}
			if i = skipJSComments(b, i+n); i >= len(b) || b[i] != ':' {
				return i, false
			}
			i++
			value, colon = true, true
			continue
		}
		colon = false
		if c == '{' || c == '[' {
			stack = append(stack, c+2) // '}' and ']' are two bytes after
			opens = append(opens, int32(i))
			depth++
			i++
			value = c == '['
			continue
		}
		if depth == 0 {
			return i + 1, false
		}
		n := jsScalarLen(b, i)
		if n == 0 {
			return i + 1, false
		}
		var more bool
		if i, value, more = afterJSValue(b, i+n, stack[depth-1]); !more {
			return i, false
		}
	}
	return len(b), false
}

// afterJSValue reads what follows a value at b[i] in a literal that closes
// with closing: comments, then a comma (the next value, or a key in an
// object, follows) or the closing bracket (left for the caller). more is
// false when anything else follows: the literal is none.
func afterJSValue(b []byte, i int, closing byte) (_ int, value, more bool) {
	if i = skipJSComments(b, i); i < len(b) && b[i] == ',' {
		return i + 1, closing == ']', true
	}
	return i, false, i < len(b) && b[i] == closing
}

// addInner appends the literal b[lo:hi] to inner, in place of those it
// holds (appended before it, since they closed first).
func addInner(inner *[]wrapping, lo, hi int) {
	s := *inner
	for len(s) > 0 && s[len(s)-1].lo > lo {
		s = s[:len(s)-1]
	}
	*inner = append(s, wrapping{lo: lo, hi: hi, js: true})
}

// jsKeyLen returns the length of the object key at b[i]: a string in
// either quote, a bare name ([A-Za-z_$][A-Za-z0-9_$]*), or digits; 0 when
// none stands there.
func jsKeyLen(b []byte, i int) int {
	switch c := b[i]; {
	case c == '"' || c == '\'':
		end, _, ok := scanJSString(b, i)
		if !ok {
			return 0
		}
		return end + 1 - i
	case jsNameByte(c):
		k := i
		for k < len(b) && (jsNameByte(b[k]) || b[k] >= '0' && b[k] <= '9') {
			k++
		}
		return k - i
	case c >= '0' && c <= '9':
		k := i
		for k < len(b) && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		return k - i
	}
	return 0
}

// jsNameByte reports whether c may start a bare name.
func jsNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

// jsScalarLen returns the length of the scalar at b[i] (a string in any
// quote, a JSON number, a name or a chain of names: true, undefined, x,
// a.b.c; !0 or !1), or 0.
func jsScalarLen(b []byte, i int) int {
	switch c := b[i]; {
	case c == '!':
		if i+1 < len(b) && (b[i+1] == '0' || b[i+1] == '1') && (i+2 == len(b) || !jsNameByte(b[i+2]) && !isDigit(b[i+2])) {
			return 2
		}
		return 0
	case jsNameByte(c):
		return jsNamesLen(b, i)
	case c == '"' || c == '\'' || c == '`':
		end, _, ok := scanJSString(b, i)
		if !ok {
			return 0
		}
		return end + 1 - i
	case c == '-' || c >= '0' && c <= '9':
		end, _, ok := scanJSONNumber(b, i)
		if !ok || end < len(b) && (jsNameByte(b[end]) || b[end] >= '0' && b[end] <= '9') {
			return 0 // 0x1F, 1_000, 10n: not read
		}
		return end - i
	}
	return 0
}

// jsNamesLen returns the length of the name or chain of names (a.b.c) at
// b[i]; a name is a bare key's (jsKeyLen).
func jsNamesLen(b []byte, i int) int {
	k := i
	for k < len(b) && jsNameByte(b[k]) {
		k += jsKeyLen(b, k)
		if k+1 < len(b) && b[k] == '.' && jsNameByte(b[k+1]) {
			k++
			continue
		}
		break
	}
	return k - i
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// scanJSString reads the JavaScript string literal whose opening quote (",
// ' or a template's `) is at src[i]: it returns the offset of its closing
// quote and whether it holds escapes, or ok false when it is unterminated,
// a line ends in it, or it is a template holding ${…}. Any backslash
// escapes the byte after it (a line continuation, \r\n, too); decodeEscapes
// reads them.
func scanJSString(src []byte, i int) (end int, escaped, ok bool) {
	quote, from := src[i], i
	for i++; i < len(src); i++ {
		switch src[i] {
		case quote:
			return i, escaped, true
		case '\n', '\r':
			countReadingSteps(i - from) // read for nothing: a caller counts only what it keeps
			return 0, false, false
		case '$':
			if quote == '`' && i+1 < len(src) && src[i+1] == '{' {
				countReadingSteps(i - from)
				return 0, false, false // code inside
			}
		case '\\':
			escaped = true
			i++
			if i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n' {
				i++
			}
		}
	}
	countReadingSteps(i - from)
	return 0, false, false
}

// skipJSComments returns where b goes on after the white space and comments
// (// to the line's end, /* … */) at b[i]; an unclosed comment runs to
// b's end.
func skipJSComments(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isJSSpace(b[i]):
			i++
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			i += 2
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			i += 2
			for i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/') {
				i++
			}
			i = min(i+2, len(b))
		default:
			return i
		}
	}
	return i
}
