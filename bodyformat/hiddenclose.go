package bodyformat

import "bytes"

// hiddenClose returns where the content of the element name (lower-case)
// whose opening tag ends at raw[end] ends: the '<' of its end tag, the
// elements of the same name opened inside it counted, as a browser matches
// them (<span hidden><span hidden>9</span>9</span> closes at the second
// </span>: the whole is not rendered), or len(raw) when it does not close.
// What the HTML tokenizer reads as no tag is passed over whole, a tag's
// name in it neither opening nor closing anything: a comment
// (htmlCommentEnd), a bogus comment (<!…>, <?…>, </1…>, and <![CDATA[…>
// outside SVG and MathML), a CDATA section inside them (…]]>), the raw text
// of script, style, textarea, title and the other raw text elements up to
// their own end tag (plaintext to the end), a tag's quoted attribute
// values. A void element (<img hidden>) holds nothing: end. Each byte is
// looked at once.
func hiddenClose(raw []byte, end int, name []byte) int {
	if voidElement(string(name)) {
		return end
	}
	depth, foreign := 0, 0 // open elements of name, of svg and math
	for from := end; from < len(raw); {
		k := bytes.IndexByte(raw[from:], '<')
		if k < 0 {
			countReadingSteps(len(raw) - from)
			break
		}
		countReadingSteps(k)
		at := from + k
		next, tagName, closing := hiddenMarkup(raw, at, foreign > 0)
		countReadingSteps(next - at)
		from = next
		if tagName == nil {
			continue // text, a comment, CDATA
		}
		selfClosing := raw[next-1] == '>' && next-at > 2 && raw[next-2] == '/'
		var buf [16]byte // the name lowered, when it is short: no allocation
		lower := tagName
		if len(tagName) <= len(buf) {
			lower = appendLower(buf[:0], tagName)
		}
		switch {
		case bytes.EqualFold(tagName, name):
			switch {
			case !closing:
				depth++
			case depth == 0:
				return at
			default:
				depth--
			}
		case string(lower) == "svg" || string(lower) == "math":
			if !closing && !selfClosing {
				foreign++
			} else if closing && foreign > 0 {
				foreign--
			}
		case !closing && foreign == 0 && rawTextElement(lower):
			from = rawTextEnd(raw, next, lower)
		}
	}
	return len(raw)
}

// hiddenMarkup reads the markup that starts at raw[at] (a '<') as the
// HTML tokenizer does, foreign true inside SVG or MathML, and returns
// where it ends and, when it is a tag, its name as written and whether
// it closes; a '<' that starts nothing is text, ending at at+1.
func hiddenMarkup(raw []byte, at int, foreign bool) (end int, tagName []byte, closing bool) {
	rest := raw[at:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return htmlCommentEnd(raw, at+4), nil, false
	case foreign && bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return skipPast(raw, at+9, "]]>"), nil, false
	case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
		return skipPast(raw, at+2, ">"), nil, false // a bogus comment
	}
	j := at + 1
	if closing = j < len(raw) && raw[j] == '/'; closing {
		j++
	}
	if j >= len(raw) || !isASCIILetterByte(raw[j]) {
		if closing {
			return skipPast(raw, j, ">"), nil, false // </> and </1…>: a bogus comment
		}
		return at + 1, nil, false
	}
	n := j
	for n < len(raw) && isTagNameByte(raw[n]) {
		n++
	}
	return tagEnd(raw, n), raw[j:n], closing
}

// rawTextElement reports whether the HTML element name (lower-case)
// holds raw text (or escapable raw text) up to its own end tag, no
// element in it.
func rawTextElement(name []byte) bool {
	switch string(name) {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext":
		return true
	}
	return false
}

// rawTextEnd returns where the raw text of the element name (lower-case)
// that starts at raw[from] ends: the '<' of its end tag (</name followed
// by white space, '/' or '>'), or len(raw); plaintext never ends.
func rawTextEnd(raw []byte, from int, name []byte) int {
	if string(name) == "plaintext" {
		countReadingSteps(len(raw) - from)
		return len(raw)
	}
	for from < len(raw) {
		k := bytes.Index(raw[from:], []byte("</"))
		if k < 0 {
			countReadingSteps(len(raw) - from)
			return len(raw)
		}
		countReadingSteps(k + 2)
		at := from + k
		e := at + 2 + len(name)
		if e <= len(raw) && bytes.EqualFold(raw[at+2:e], name) && (e == len(raw) || isSpaceByte(raw[e]) || raw[e] == '/' || raw[e] == '>') {
			return at
		}
		from = at + 2
	}
	return len(raw)
}
