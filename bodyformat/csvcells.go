package bodyformat

// csvNextCell reads the CSV cell of text that starts at at, as a CSV
// reader does (RFC 4180): a cell opened by a quote runs to the quote that
// closes it, delimiters, line breaks and doubled quotes ("") inside it
// being its text; any other cell runs to the next delimiter sep or line
// break. It returns where the cell's value stands, text[from:to] (inside
// the quotes of a quoted cell, its doubled quotes as written; the cell as
// written when bytes other than blanks follow its closing quote), where
// the next cell starts, and whether the cell ends its record (a line
// break or the end of text after it). Each byte is looked at once.
func csvNextCell(text []byte, at int, sep byte) (from, to, next int, last bool) {
	start, j := at, at
	quoted := at < len(text) && text[at] == '"'
	if quoted {
		for j = at + 1; j < len(text) && !(text[j] == '"' && (j+1 >= len(text) || text[j+1] != '"')); j++ {
			if text[j] == '"' {
				j++ // a doubled quote
			}
		}
		if j >= len(text) {
			countReadingSteps(len(text) - start)
			return start + 1, len(text), len(text), true // no closing quote: the cell runs to the end
		}
		at = j + 1
	}
	e := at
	for e < len(text) && text[e] != sep && text[e] != '\n' && text[e] != '\r' {
		e++
	}
	countReadingSteps(e - start + 1)
	last = e >= len(text) || text[e] == '\n' || text[e] == '\r'
	next = min(e+1, len(text))
	if e+1 < len(text) && text[e] == '\r' && text[e+1] == '\n' {
		next++ // a CRLF line break
	}
	if quoted && allSpace(text[at:e]) {
		return start + 1, j, next, last
	}
	return start, e, next, last // unquoted, or text after the closing quote: the cell as written
}
