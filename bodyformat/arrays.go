package bodyformat

import (
	"bytes"
	"unicode"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A client that joins an array's elements shows what they hold as one
// text: ["1101","0519900101","1234"] and [138,1234,5678] are a resident ID
// and a mobile to the page that renders them. The JSON walker joins the
// elements of a document's arrays (jsonjoin.go); decodeArrays gives the
// same reading of array literals anywhere else: a JSON body behind a
// wrapper (")]}'", "while(1);", JSONP, "var a = …;"), a <script> block, a
// log line, an event's data.

// maxArrayDepth bounds how deep nested arrays are read joined
// ([["138"],["1234"]]); a deeper array ends the join.
const maxArrayDepth = 32

// decodeArrays returns text with the joints between the elements of each
// array literal removed: the commas, white space, comments and brackets
// between two string literals (", ' or `, Python's u'…' too) that follow
// each other in an array or in nested arrays; a hole, null and undefined,
// which a join shows as nothing, stand between them. A number ends the
// join there: arrays of numbers outside a JSON document are a chart's or
// a config's data ([150, 2304, 1800]), read joined only in a document the
// JSON walker reads; so does an element of any other kind (an object, a
// name). It also returns for each byte of the result the offset in text
// it comes from (one more entry: len(text)), or ok false when text holds
// no joint. Every byte is read once, but for the look again below: a
// string that does not close is remembered, so no later literal with the
// same quote is looked through again.
//
// A '[' inside a string can start a reading that swallows the real array
// after it: in var q = '["'; var d = ["138","1234","5678"] the reading
// from the first '[' takes "'; var d = [" for an element and stops at
// 138. When a reading stops right after a literal that ends with a '['
// (and white space), the array is looked for again from that '[' on
// (decoyRestart). What is read twice so is bounded by len(text) in all
// (reread): past it, no reading is looked at again.
//
// An array made by a call, new Array("138", "1234", "5678") or
// Array.of(…), is read as a literal is, up to its ')'.
func decodeArrays(text []byte) (_ []byte, _ []int32, ok bool) {
	a := arrayReader{text: text, open: [3]int{-1, -1, -1}}
	var next arrayOpeners
	for i := 0; i < len(text); {
		open, size, closing := next.at(text, i)
		if open < 0 {
			break
		}
		end := a.array(open+size-1, closing)
		i = end
		if r := a.tail; r > open && r < end && a.reread+end-r <= len(text) {
			a.reread += end - r
			i = r // a decoy: look again from the '[' the last literal ends with
		}
	}
	if !a.ok {
		return nil, nil, false
	}
	a.m.copy(text, a.from, len(text))
	dst, offs := a.m.done(len(text))
	return dst, offs, true
}

// arrayReader reads the array literals of one text.
type arrayReader struct {
	text []byte
	m    mapped
	ok   bool // a joint was removed: m holds the reading up to from
	from int  // where the text not yet copied to m starts
	// prev is where the content of the last element read ends, -1 when
	// the next element is not joined to it
	prev int
	// joints are the joints of the array being read, each from the end
	// of an element's content to the start of the next one's, removed
	// when the array is read (unless it is joined into a list)
	joints [][2]int
	// open[q] is where a literal quoted with the q-th quote (quoteIndex)
	// was found not to close, -1 before any: no literal with that quote
	// after it closes either
	open [3]int
	// tail is where the '[' the last literal read ends with is ('["' in
	// '["'), -1 when the last element read was none such
	tail int
	// reread counts the bytes read again after a decoy, in all
	reread int
	// prevNum and prevDigits tell whether the last element read was an
	// integer, or a string of digits only: the two join each other
	prevNum, prevDigits bool
}

// allASCIIDigits reports whether b is one or more ASCII digits.
func allASCIIDigits(b []byte) bool {
	for _, c := range b {
		if !isASCIIDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// arrayOpeners finds what opens an array, a '[' or a call that makes one,
// remembering where each was found next so that no byte is searched twice.
type arrayOpeners struct {
	bracket, call   int // where the next '[' and the next "Array(" are, past searched
	searchedBracket bool
	searchedCall    bool
}

// arrayCall is what every call that makes an array starts with.
const arrayCall = "Array"

// at returns where the first opener at or after text[i] starts, its size
// and the byte that closes the array it opens, or -1.
func (o *arrayOpeners) at(text []byte, i int) (open, size int, closing byte) {
	if !o.searchedBracket || o.bracket >= 0 && o.bracket < i {
		o.bracket, o.searchedBracket = -1, true
		if k := bytes.IndexByte(text[i:], '['); k >= 0 {
			o.bracket = i + k
		}
	}
	if !o.searchedCall || o.call >= 0 && o.call < i {
		o.call, o.searchedCall = nextCall(text, i), true
	}
	switch {
	case o.call >= 0 && (o.bracket < 0 || o.call < o.bracket):
		return o.call, callOpener(text, o.call), ')'
	case o.bracket >= 0:
		return o.bracket, 1, ']'
	}
	return -1, 0, 0
}

// nextCall returns where the first call that makes an array (callOpener)
// at or after text[i] starts, or -1.
func nextCall(text []byte, i int) int {
	for {
		k := bytes.Index(text[i:], []byte(arrayCall))
		if k < 0 {
			return -1
		}
		if callOpener(text, i+k) > 0 {
			return i + k
		}
		i += k + 1
	}
}

// callOpener returns the length of "Array(" or "Array.of(" (after new and
// white space or not) at text[i], or 0: its last byte is the '(' the
// elements follow.
func callOpener(text []byte, i int) int {
	if i > 0 && (isASCIILetterByte(text[i-1]) || isASCIIDigit(text[i-1]) || text[i-1] == '_' || text[i-1] == '$') {
		return 0 // Uint8Array(, myArray(
	}
	for _, w := range []string{"Array(", "Array.of("} {
		if bytes.HasPrefix(text[i:], []byte(w)) {
			return len(w)
		}
	}
	return 0
}

// array reads the array whose opening byte ('[', or the '(' of a call) is
// at text[open] and that closing closes, and returns where to look for the
// next one: after it closes, or at the element that ended the join.
func (a *arrayReader) array(open int, closing byte) int {
	a.prev, a.tail, a.prevNum, a.prevDigits = -1, -1, false, false
	a.joints = a.joints[:0]
	end, closed := a.elementsUntil(open+1, 1, closing)
	if closed {
		a.tail = -1
		if listJoined(a.text, end) {
			return end // shown as a list: ["138","1234"].join(", ")
		}
	}
	for _, j := range a.joints {
		if j[0] < a.from {
			continue // in what a reading before a look again copied already
		}
		if !a.ok {
			a.m = mapped{dst: make([]byte, 0, len(a.text)), offs: make([]int32, 0, len(a.text)+1)}
			a.ok = true
		}
		a.m.copy(a.text, a.from, j[0])
		a.from = j[1]
	}
	return end
}

// emptyElement returns the length of an element a join shows as nothing
// at text[i], null or undefined (a hole, [a,,b], is read by the caller);
// 0 for any other.
func emptyElement(text []byte, i int) int {
	for _, w := range []string{"null", "undefined"} {
		if bytes.HasPrefix(text[i:], []byte(w)) && (i+len(w) == len(text) || !isASCIILetterByte(text[i+len(w)])) {
			return len(w)
		}
	}
	return 0
}

// skipJSGap returns where the white space and comments a script may put
// between elements, from text[i] on, end: JS white space (jsSpaceLen:
// ASCII, no-break space, line and paragraph separators, U+3000, a byte
// order mark …), /* … */ and // … comments.
func skipJSGap(text []byte, i int) int {
	for i < len(text) {
		switch {
		case isJSSpace(text[i]) || text[i] == '\f' || text[i] == '\v':
			i++
		case jsSpaceLen(text, i) > 0:
			i += jsSpaceLen(text, i)
		case bytes.HasPrefix(text[i:], []byte("/*")):
			k := bytes.Index(text[i+2:], []byte("*/"))
			if k < 0 {
				return len(text)
			}
			i += 2 + k + 2
		case bytes.HasPrefix(text[i:], []byte("//")):
			k := bytes.IndexByte(text[i:], '\n')
			if k < 0 {
				return len(text)
			}
			i += k + 1
		default:
			return i
		}
	}
	return i
}

// listJoined reports whether the array that closes before text[end] is
// joined into a list: .join() or .toString() (a comma between elements),
// or .join with a separator that holds a comma, a semicolon, a letter or
// a digit, or is longer than maxListSep bytes; a separator of spaces,
// dashes, dots or invisible characters (" - ", "\u200b") shows one
// number (decodeConcat reads the short ones put in).
func listJoined(text []byte, end int) bool {
	rest := bytes.TrimLeft(text[end:min(len(text), end+maxJointGap)], " \t\r\n")
	if bytes.HasPrefix(rest, []byte(".toString(")) {
		return true
	}
	rest, found := bytes.CutPrefix(rest, []byte(".join("))
	if !found {
		return false
	}
	rest = bytes.TrimLeft(rest, " \t\r\n")
	if len(rest) == 0 || rest[0] == ')' {
		return true
	}
	if !isQuote(rest[0]) {
		return false
	}
	k := bytes.IndexByte(rest[1:], rest[0])
	if k < 0 {
		return false
	}
	sep := rest[1 : 1+k]
	if len(sep) > maxListSep {
		return true
	}
	for i := 0; i < len(sep); i++ {
		c := rune(sep[i])
		if c == '\\' && i+5 < len(sep)+0 && sep[i+1] == 'u' && hex4(sep[i+2:i+6]) >= 0 {
			c = hex4(sep[i+2 : i+6]) // "\u200b": the character it spells
			i += 5
		}
		if c == ',' || c == ';' || c < 0x80 && (isASCIILetterByte(byte(c)) || isASCIIDigit(byte(c))) || unicode.IsLetter(c) || detect.DecimalDigit(c) {
			return true
		}
	}
	return false
}

// maxListSep is the longest separator of a join read as one number.
const maxListSep = 8

// elements reads an array's elements from text[i] on, depth arrays deep,
// and returns where its ']' ends (closed), or where reading stopped.
func (a *arrayReader) elements(i, depth int) (end int, closed bool) {
	return a.elementsUntil(i, depth, ']')
}

// elementsUntil is elements for an array that closing closes.
func (a *arrayReader) elementsUntil(i, depth int, closing byte) (end int, closed bool) {
	t := a.text
	for {
		countReadingSteps(1)
		i = skipJSGap(t, i)
		if i == len(t) {
			return i, false
		}
		c := t[i]
		if (c == '+' || c|0x20 == 'u' || c|0x20 == 'b' || c|0x20 == 'r' || c|0x20 == 'f') && i+1 < len(t) &&
			(c == '+' && isASCIIDigit(t[i+1]) || c != '+' && isQuote(t[i+1])) {
			i++ // +138, and u'138' b'…' r'…' f'…' as Python writes a string
			c = t[i]
		}
		if c == ',' {
			i++ // a hole: [a,,b]
			continue
		}
		if n := emptyElement(t, i); n > 0 {
			i += n // a hole, null, undefined: a join shows nothing for them
			if i < len(t) && t[i] == ',' {
				i++
			}
			continue
		}
		switch {
		case c == closing:
			return i + 1, true
		case c == '[' && depth < maxArrayDepth:
			a.tail = -1
			var closed bool
			if i, closed = a.elements(i+1, depth+1); !closed {
				return i, false
			}
		case isQuote(c):
			end := a.literalEnd(i)
			if end < 0 {
				a.prev = -1
				return i + 1, false
			}
			digits := allASCIIDigits(t[i+1 : end])
			if a.prevNum && !digits {
				a.prev = -1 // a number joins a string of digits only
			}
			a.element(i+1, end)
			a.prevNum, a.prevDigits = false, digits
			a.tail = tailBracket(t, i+1, end)
			i = end + 1
		case c == '-' || c >= '0' && c <= '9':
			end := i + 1
			for end < len(t) && t[end] >= '0' && t[end] <= '9' {
				end++
			}
			countReadingSteps(end - i)
			integral := c != '-' && (end == len(t) || t[end] != '.' && t[end]|0x20 != 'e' && t[end] != 'n')
			digitsEnd := end
			for end < len(t) && (t[end] == '.' || t[end]|0x20 == 'e' || t[end] == 'n' || isASCIIDigit(t[end])) {
				end++ // a fraction, an exponent, a BigInt: the number's own
			}
			// numbers join no number here: a chart's data ([150, 2304,
			// 1800]) is no number; an integer joins a string of digits only
			// next to it (["110105", 1990010112, "1234"])
			if integral && a.prevDigits && a.prev >= 0 {
				a.element(i, digitsEnd)
			} else {
				a.prev = -1
				if integral {
					a.prev = digitsEnd // for a string of digits after it
				}
			}
			a.prevNum, a.prevDigits, a.tail = integral, false, -1
			i = end
		default:
			a.prev = -1
			return i, false
		}
		i = skipJSGap(t, i)
		if i < len(t) && t[i] == ',' {
			i++
		} else if i == len(t) || t[i] != closing {
			a.prev = -1
			return i, false
		}
	}
}

// element records the content text[start:end] of an element: the joint
// from the end of the element before it, when joined, is to be removed.
func (a *arrayReader) element(start, end int) {
	if a.prev >= 0 && a.prev < start {
		a.joints = append(a.joints, [2]int{a.prev, start})
	}
	a.prev = end
}

// literalEnd returns where the string literal quoted at text[q] closes,
// past backslash escapes, or -1 when it does not.
func (a *arrayReader) literalEnd(q int) int {
	t, quote := a.text, quoteIndex(a.text[q])
	if a.open[quote] >= 0 && a.open[quote] <= q {
		return -1
	}
	for i := q + 1; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case t[q]:
			countReadingSteps(i - q)
			return i
		}
	}
	countReadingSteps(len(t) - q)
	a.open[quote] = q
	return -1
}

// tailBracket returns where the '[' is that the literal content
// text[start:end] ends with, white space after it allowed, or -1.
func tailBracket(text []byte, start, end int) int {
	k := len(bytes.TrimRight(text[start:end], " \t\r\n"))
	if k == 0 || text[start+k-1] != '[' {
		return -1
	}
	return start + k - 1
}

// quoteIndex numbers the three quotes.
func quoteIndex(c byte) int {
	switch c {
	case '"':
		return 0
	case '\'':
		return 1
	}
	return 2
}
