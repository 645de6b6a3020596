package bodyformat

import "bytes"

// A script shows or sends the strings it joins: "138" + "1234" + '5678' is
// one mobile to document.write, to fetch and to the page that renders it,
// in a <script> block, in JSONP or in a JSON value that holds code. So are
// literals side by side, which CSS content, Python and C join
// ("138" "1234"), and the elements of an array joined by a script
// (['138', '1234'].join('')). Comments may stand wherever white space
// does. decodeConcat gives find the text with the joints removed.

// maxJointGap bounds what is looked through between two literals (white
// space, comments, a '+') and from an array's element to the .join that
// ends the array: every quote is looked past at most this far, so the
// reading stays linear.
const maxJointGap = 256

// decodeConcat returns text with every joint of two string literals
// removed: a quote, then white space and comments with at most one '+' (or
// SQL's '||'), then a quote (", ' or `); in an array followed by .join(”)
// or a short separator (.join('-')), a comma between two literals is a
// joint too, replaced by the separator. A template literal's ${'…'} or
// ${1234} is read as its text, and "…".concat("…", "…") as the strings
// joined. It also returns for each byte of the result the offset in text it
// comes from (one more entry: len(text)), or ok false when text holds no
// joint.
func decodeConcat(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from := 0
	// template: a ${ opened by a literal waits for its closing quote and
	// brace; args: inside .concat( after a literal, commas join
	template, args := false, false
	remove := func(a, b int, sep []byte) {
		if !ok {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			ok = true
		}
		m.copy(text, from, a)
		m.bytes(sep, a)
		from = b
	}
	for i := 0; i < len(text); {
		k := indexJoinStart(text[i:])
		if k < 0 {
			break
		}
		q := i + k
		i = q + 1
		if text[q] == '$' {
			if q+1 == len(text) || text[q+1] != '{' {
				continue
			}
			j := skipJSSpace(text, q+2)
			if j < len(text) && (text[j] == '"' || text[j] == '\'') {
				remove(q, j+1, nil) // ${'…'}: its literal's text
				template, i = true, j+1
				continue
			}
			d := j
			for d < len(text) && d-j < maxJoinDigits && text[d] >= '0' && text[d] <= '9' {
				d++
			}
			if e := skipJSSpace(text, d); d > j && e < len(text) && text[e] == '}' {
				remove(q, j, nil) // ${1234}: the number's digits
				m.copy(text, j, d)
				from, i = e+1, e+1
			}
			continue
		}
		if template {
			if e := skipJSSpace(text, q+1); e < len(text) && text[e] == '}' {
				remove(q, e+1, nil)
				template, i = false, e+1
				continue
			}
		}
		if rest, found := bytes.CutPrefix(text[q+1:], []byte(".concat(")); found {
			if j := skipJSSpace(text, len(text)-len(rest)); j < len(text) && isQuote(text[j]) {
				remove(q, j+1, nil)
				args, i = true, j+1
				continue
			}
		}
		b, comma := jointEnd(text, q+1)
		var sep []byte
		// a literal follows what joins (an empty literal, "", is none)
		isJoint := b > q+1 && b < len(text) && isQuote(text[b])
		if isJoint && comma && !args {
			sep, isJoint = arrayJoin(text, b)
		}
		if !isJoint {
			// what was looked through holds no literal: a quote in it is
			// in a comment
			args = args && (b >= len(text) || text[b] != ')')
			i = max(q+1, b)
			continue
		}
		remove(q, b+1, sep)
		i = b + 1
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// maxJoinDigits is the longest number read in a template's ${…}.
const maxJoinDigits = 32

// skipJSSpace returns where the white space from text[i] on ends.
func skipJSSpace(text []byte, i int) int {
	for i < len(text) && isJSSpace(text[i]) {
		i++
	}
	return i
}

// jointEnd returns where what may join two literals, from text[i] on,
// ends: past white space and comments holding at most one '+', one SQL
// '||' or one ',' (comma then true), looked through no further than
// maxJointGap.
// Around a '+' the literals may stand in parentheses: ("138")+("1234")
// joins them too.
func jointEnd(text []byte, i int) (end int, comma bool) {
	limit := min(len(text), i+maxJointGap)
	ops, paren := 0, -1 // paren: where the first parenthesis stands
	for i < limit {
		switch c := text[i]; {
		case isJSSpace(c):
			i++
		case c == ')' && ops == 0, c == '(' && ops == 1 && !comma:
			if paren < 0 {
				paren = i
			}
			i++
		case c == '+' || c == ',' || c == '|' && i+1 < limit && text[i+1] == '|':
			if ops++; ops > 1 || c == ',' && paren >= 0 {
				return i, false
			}
			comma = c == ','
			i++
			if c == '|' {
				i++ // SQL's ||: '138' || '12345678'
			}
		case c == '/' && i+1 < limit && text[i+1] == '*':
			e := bytes.Index(text[i+2:limit], []byte("*/"))
			if e < 0 {
				return i, false
			}
			i += 2 + e + 2
		case c == '/' && i+1 < limit && text[i+1] == '/':
			e := bytes.IndexByte(text[i:limit], '\n')
			if e < 0 {
				return i, false
			}
			i += e + 1
		default:
			if paren >= 0 && ops == 0 {
				return paren, false // ("138") "1234": no '+' joins them
			}
			return i, comma
		}
	}
	return i, comma
}

// arrayJoin reports whether the literal that opens at text[open] is an
// element of an array a script joins: the array closes after it, with
// only literals and commas, and .join( follows with an empty literal or a
// separator of at most maxJoinSep bytes. It returns the separator. All of
// it stands within maxJointGap bytes.
func arrayJoin(text []byte, open int) (sep []byte, ok bool) {
	limit := min(len(text), open+maxJointGap)
	k := bytes.IndexByte(text[open:limit], ']')
	if k < 0 || bytes.IndexByte(text[open:open+k], '[') >= 0 {
		return nil, false
	}
	rest := bytes.TrimLeft(text[open+k+1:limit], " \t\r\n")
	rest, found := bytes.CutPrefix(rest, []byte(".join("))
	if !found {
		return nil, false
	}
	rest = bytes.TrimLeft(rest, " \t\r\n")
	if len(rest) < 2 || !isQuote(rest[0]) {
		return nil, false
	}
	end := bytes.IndexByte(rest[1:], rest[0])
	if end < 0 || end > maxJoinSep {
		return nil, false
	}
	sep = rest[1 : 1+end]
	if bytes.ContainsAny(sep, "\\,") {
		return nil, false // an escape, or a list joined as a list
	}
	return sep, true
}

// maxJoinSep is the longest separator of a join read as joining an
// identifier's groups (- or a space, not ", ").
const maxJoinSep = 2

// isQuote reports a quote that opens or closes a JavaScript string.
func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// isJSSpace reports the ASCII white space a script may put around '+'.
func isJSSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// joinStart marks the bytes decodeConcat looks for: a quote and '$'.
var joinStart = [256]bool{'"': true, '\'': true, '`': true, '$': true}

// indexJoinStart is bytes.IndexAny(text, "\"'`$") by a table, a byte at a
// time: the first quote or '$' of text, or -1.
func indexJoinStart(text []byte) int {
	for k, c := range text {
		if joinStart[c] {
			return k
		}
	}
	return -1
}
