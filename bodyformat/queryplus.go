package bodyformat

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
// A quote, a backtick, a '<' or a backslash in a query (or after a
// field's '=') does not end it: the browser sends ?q='138+1234+5678' as
// %27138+1234+5678%27 and the server, like URLSearchParams, reads the
// value "'138 1234 5678'". Only the quote that opened the run (the byte
// before it) closes it there, unless a backslash escapes it, as an
// attribute's or a string's closing quote ends the URL in it; a '>'
// always does (an unquoted attribute's tag ends at it).
func queryPluses[T ~string | ~[]byte](text T, at func(i int)) bool {
	found := false
	for start := 0; start < len(text); {
		end := start
		var opener byte
		if start > 0 {
			opener = text[start-1]
		}
		query, eq, amp, plus := -1, false, false, false
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
			}
		}
		countReadingSteps(end - start + 1)
		if plus && (query >= 0 || eq && amp) {
			from := start
			if query >= 0 {
				from = query + 1
			}
			countReadingSteps(end - from)
			for k := from; k < end; k++ {
				if text[k] == '+' {
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
// (its closing quote). White space, a control and a '>' end the query.
func queryByte(c, opener, prev byte) bool {
	switch c {
	case '"', '\'', '`':
		return c != opener || prev == '\\'
	case '<', '\\':
		return true
	}
	return false
}

// decodeQueryPlus is the reading of text with the '+' of its queries read
// as spaces (queryPluses), of the same length as text.
func decodeQueryPlus(text []byte) ([]byte, []int32, bool) {
	var out []byte
	queryPluses(text, func(i int) {
		if out == nil {
			out = append([]byte(nil), text...)
		}
		out[i] = ' '
	})
	if out == nil {
		return nil, nil, false
	}
	offs := make([]int32, len(out)+1)
	for i := range offs {
		offs[i] = int32(i)
	}
	return out, offs, true
}

// QueryPluses calls at with the offset of each '+' of text that its
// receiver reads as a space, one in a URL's query or a form's fields, and
// reports whether there was one: the one reading of such a '+', for text
// read outside a body too (a header field's value).
func QueryPluses[T ~string | ~[]byte](text T, at func(i int)) bool {
	return queryPluses(text, at)
}
