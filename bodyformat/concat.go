package bodyformat

import "bytes"

// A script shows or sends the strings it joins: "138" + "1234" + '5678' is
// one mobile to document.write, to fetch and to the page that renders it,
// in a <script> block, in JSONP or in a JSON value that holds code.
// decodeConcat gives find the text with the joints removed.

// decodeConcat returns text with every joint of two string literals
// removed: a closing quote, white space, '+', white space and an opening
// quote (", ' or `), and for each byte of the result the offset in text
// it comes from (one more entry: len(text)), or ok false when text holds
// no joint.
func decodeConcat(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from := 0
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], '+')
		if k < 0 {
			break
		}
		plus := i + k
		i = plus + 1
		a := plus - 1
		for a >= from && isJSSpace(text[a]) {
			a--
		}
		b := plus + 1
		for b < len(text) && isJSSpace(text[b]) {
			b++
		}
		if a < from || b >= len(text) || !isQuote(text[a]) || !isQuote(text[b]) {
			continue
		}
		if !ok {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			ok = true
		}
		m.copy(text, from, a)
		from, i = b+1, b+1
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// isQuote reports a quote that opens or closes a JavaScript string.
func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// isJSSpace reports the ASCII white space a script may put around '+'.
func isJSSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
