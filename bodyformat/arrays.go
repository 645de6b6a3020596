package bodyformat

import "bytes"

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
// array literal removed: the commas, white space and brackets between two
// string literals (", ' or `) or integers that follow each other in an
// array or in nested arrays. An element of any other kind (an object, a
// name, a fraction, a time since 1970 as unixTime reads it) ends the join
// there. A negative number joins with its sign, as a client shows it
// ([-138,-1234,-5678] shows -138-1234-5678). It also returns for each byte of the result the offset in text
// it comes from (one more entry: len(text)), or ok false when text holds
// no joint. Every byte is read once: a string that does not close is
// remembered, so no later literal with the same quote is looked through
// again.
func decodeArrays(text []byte) (_ []byte, _ []int32, ok bool) {
	a := arrayReader{text: text, open: [3]int{-1, -1, -1}}
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], '[')
		if k < 0 {
			break
		}
		i = a.array(i + k)
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
}

// array reads the array whose '[' is at text[open] and returns where to
// look for the next one: after its ']', or at the element that ended the
// join.
func (a *arrayReader) array(open int) int {
	a.prev = -1
	a.joints = a.joints[:0]
	end, closed := a.elements(open+1, 1)
	if closed && listJoined(a.text, end) {
		return end // shown as a list: ["138","1234"].join(", ")
	}
	for _, j := range a.joints {
		if !a.ok {
			a.m = mapped{dst: make([]byte, 0, len(a.text)), offs: make([]int32, 0, len(a.text)+1)}
			a.ok = true
		}
		a.m.copy(a.text, a.from, j[0])
		a.from = j[1]
	}
	return end
}

// listJoined reports whether the array that closes before text[end] is
// joined into a list: .join() or .toString() (a comma between elements),
// or .join with a separator of more than maxJoinSep bytes or holding a
// comma (decodeConcat reads a shorter one put in).
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
	return k > maxJoinSep || k > 0 && bytes.ContainsAny(rest[1:1+k], ",\\")
}

// elements reads an array's elements from text[i] on, depth arrays deep,
// and returns where its ']' ends (closed), or where reading stopped.
func (a *arrayReader) elements(i, depth int) (end int, closed bool) {
	t := a.text
	for {
		countReadingSteps(1)
		i = skipJSSpace(t, i)
		if i == len(t) {
			return i, false
		}
		c := t[i]
		switch {
		case c == ']':
			return i + 1, true
		case c == '[' && depth < maxArrayDepth:
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
			a.element(i+1, end)
			i = end + 1
		case c == '-' || c >= '0' && c <= '9':
			end := i + 1
			for end < len(t) && t[end] >= '0' && t[end] <= '9' {
				end++
			}
			countReadingSteps(end - i)
			if end < len(t) && (t[end] == '.' || t[end]|0x20 == 'e') || unixTime(t[i:end]) {
				a.prev = -1 // a fraction, a time: joins nothing
			} else {
				a.element(i, end)
			}
			i = end
		default:
			a.prev = -1
			return i, false
		}
		i = skipJSSpace(t, i)
		if i < len(t) && t[i] == ',' {
			i++
		} else if i == len(t) || t[i] != ']' {
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
