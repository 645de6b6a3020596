package bodyformat

import "bytes"

// A '+' in a URL's query is a space to the server it reaches and to
// URLSearchParams (/s?q=138+1234+5678 is q="138 1234 5678"), as it is in
// a form. A piece with a percent escape is read with every '+' a space
// (decodePercent); one without is read with only the '+' of a query so
// (queryPluses), since a '+' elsewhere is prose's or a sum's (a+b, +86 …)
// and no receiver reads it as a space.

// queryPluses calls at with the offset of each '+' of text that stands in
// a URL's query: in a run of URL bytes (urlRunByte) after its first '?'
// or '#' (a page's script reads its fragment with URLSearchParams too),
// or anywhere in a run that reads as a form's fields (an '=' and an '&'
// in it, k=v&tel=138+1234+5678). It reports whether there was one. Each
// byte is looked at no more than twice.
//
// A tab or a line break in a query (or after a field's '=') does not end
// it either: a URL's reader takes every one out of a URL before it parses
// it (the WHATWG URL parser: href="/s?q=138+<tab>1234+5678" requests
// ?q=138+1234+5678). at is called with the offset of each such byte of a
// query too, in order with the '+' (text[i] tells which): the reading
// takes it out; it counts as one found.
//
// A quote, a backtick, a '<' or a backslash in a query (or after a
// field's '=') does not end it: the browser sends ?q='138+1234+5678' as
// %27138+1234+5678%27 and the server, like URLSearchParams, reads the
// value "'138 1234 5678'". Only the quote that opened the run (the byte
// before it) closes it there, unless a backslash escapes it, as an
// attribute's or a string's closing quote ends the URL in it; a '>'
// always does (an unquoted attribute's tag ends at it).
func queryPluses[T ~string | ~[]byte](text T, at func(i int)) bool {
	return queryBytes(text, false, at)
}

// queryWhiteSpace calls at with the offset of each tab or line break that
// stands in a URL's query of text, as queryPluses reads queries, and
// reports whether there was one: queryPluses without the '+', for a
// reading that reads every '+' as a space (decodePercent).
func queryWhiteSpace[T ~string | ~[]byte](text T, at func(i int)) bool {
	return queryBytes(text, true, at)
}

// queryWhiteSpaceMay reports whether queryWhiteSpace may find something in
// text: a tab or line break after a byte a query holds (urlRunByte or
// queryByte's). It hops from one to the next (bytes.IndexByte), a step
// each: most text with a percent escape has none, or none in a query
// (binary data's follow a NUL), and is not looked through again.
func queryWhiteSpaceMay(text []byte) bool {
	for _, w := range [...]byte{'\t', '\n', '\r'} {
		for i := 0; i < len(text); {
			k := bytes.IndexByte(text[i:], w)
			if k < 0 {
				break
			}
			countReadingSteps(1)
			if at := i + k; at > 0 {
				if c := text[at-1]; urlRunByte(c) || queryByte(c, 0, 0) {
					return true
				}
			}
			i += k + 1
		}
	}
	return false
}

// queryBytes is queryPluses, or with white set queryWhiteSpace.
func queryBytes[T ~string | ~[]byte](text T, white bool, at func(i int)) bool {
	found := false
	for start := 0; start < len(text); {
		end := start
		var opener byte
		if start > 0 {
			opener = text[start-1]
		}
		query, eq, amp, plus, ws := -1, false, false, false, false
		for ; end < len(text); end++ {
			c := text[end]
			if !urlRunByte(c) && (query < 0 && !eq || !queryByte(c, opener, text[end-1])) {
				break
			}
			switch c {
			case '?', '#':
				if query < 0 {
					query = end
				}
			case '=':
				eq = true
			case '&':
				amp = true
			case '+':
				plus = true
			case '\t', '\n', '\r':
				ws = true
			}
		}
		countReadingSteps(end - start + 1)
		if (ws || plus && !white) && (query >= 0 || eq && amp) {
			from := start
			if query >= 0 {
				from = query + 1
			}
			countReadingSteps(end - from)
			for k := from; k < end; k++ {
				if c := text[k]; c == '+' && !white || urlWhiteSpace(c) {
					at(k)
					found = true
				}
			}
		}
		start = end + 1
	}
	return found
}

// urlRunByte reports whether c can stand in a URL as written in text: not
// white space, a control, a quote, an angle bracket or a backslash, which
// end one (in its query, only as queryByte says).
func urlRunByte(c byte) bool {
	switch c {
	case '"', '\'', '`', '<', '>', '\\', 0x7f:
		return false
	}
	return c > ' '
}

// queryByte reports whether c, no URL byte (urlRunByte) but met in a
// run's query or after a field's '=', stands in it, after prev: a quote,
// a backtick, a '<' or a backslash, but not the run's opener unescaped
// (its closing quote); a tab or a line break, which a URL's reader takes
// out (urlWhiteSpace). A space, another control and a '>' end the query.
func queryByte(c, opener, prev byte) bool {
	switch c {
	case '"', '\'', '`':
		return c != opener || prev == '\\'
	case '<', '\\':
		return true
	}
	return urlWhiteSpace(c)
}

// urlWhiteSpace reports whether c is a byte a URL's reader takes out of a
// URL wherever it stands before parsing it: an ASCII tab or line break
// (the WHATWG URL parser's "ASCII tab or newline").
func urlWhiteSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\r'
}

// decodeQueryPlus is the reading of text with the '+' of its queries read
// as spaces and the tabs and line breaks there taken out (queryPlusEdits).
func decodeQueryPlus(text []byte) ([]byte, []int32, bool) {
	var e edits
	if !queryPlusEdits(text, &e) {
		return nil, nil, false
	}
	dec, offs := e.materialize(text)
	return dec, offs, true
}

// queryPlusEdits records in e the query '+' reading of text (queryPluses):
// each '+' read as a space, each tab or line break in the query taken out;
// it reports whether there is one.
func queryPlusEdits(text []byte, e *edits) bool {
	return queryPluses(text, func(i int) {
		if text[i] == '+' {
			e.addByte(i, i+1, ' ')
		} else {
			e.add(i, i+1, nil)
		}
	})
}

// dropQueryWhiteSpace takes the tabs and line breaks of raw's queries
// (queryWhiteSpace) out of dec, a reading of raw through offs that keeps
// each of them as it is (decodeForm's), in place, and returns what is
// left.
func dropQueryWhiteSpace(raw, dec []byte, offs []int32) ([]byte, []int32) {
	if !queryWhiteSpaceMay(raw) {
		return dec, offs
	}
	n, k := 0, 0 // dec[:n] is kept, dec[k:] not yet looked at
	dropped := false
	queryWhiteSpace(raw, func(i int) {
		for ; int(offs[k]) < i; k++ {
			dec[n], offs[n] = dec[k], offs[k]
			n++
		}
		k++ // the tab or line break itself
		dropped = true
	})
	if !dropped {
		return dec, offs
	}
	for ; k < len(dec); k++ {
		dec[n], offs[n] = dec[k], offs[k]
		n++
	}
	offs[n] = offs[len(dec)]
	return dec[:n], offs[:n+1]
}

// QueryPluses calls at with the offset of each '+' of text that its
// receiver reads as a space, one in a URL's query or a form's fields, and
// of each tab or line break in such a query, which a URL's reader takes
// out (text[i] tells which), and reports whether there was one: the one
// reading of such a '+', for text read outside a body too (a header
// field's value).
func QueryPluses[T ~string | ~[]byte](text T, at func(i int)) bool {
	return queryPluses(text, at)
}
