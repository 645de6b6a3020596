package bodyformat

import "bytes"

// A line of JSON lines (or of incremental text) ends where its reader ends
// it. Most split at LF; Python's str.splitlines and bytes.splitlines
// (requests' iter_lines) split at a lone CR and CRLF too, and
// str.splitlines also at VT, FF, FS, GS, RS, NEL (U+0085), U+2028 and
// U+2029. So a line of JSON values (or a data stream's part) ends at any of
// them right after a value (lineScan): `}\r{` and `}\u2028{` end a line,
// "a\u2028b" (a raw U+2028 inside a string, valid JSON) does not. Values
// back to back, `}{` or `} {` (Go's json.Decoder, Jackson's MappingIterator
// and ijson read them so), are lines too: a line ends before an object or
// array that opens right after one; and the RS that opens each record of a
// JSON text sequence (RFC 7464) is white space before one. A line of text
// ends at LF alone, as before: its lone CRs are a terminal's carriage
// returns, which the terminal reading reads across ("xxx5678\r138" shows
// 1385678), and the joiner joins the text of consecutive lines anyway.

// lineBreaks are the bytes that end a line of a stream of lines.
const lineBreaks = "\n\r\v\f\x1c\x1d\x1e"

// recordSep (RS) opens each record of a JSON text sequence (RFC 7464,
// application/json-seq): RS, a JSON value, usually LF. Before a value it
// is read as white space, after one it ends the line.
const recordSep = 0x1e

// lineScan is where a search for the end of a line stands across writes:
// inside a JSON string or not, right after a backslash in one, how deep
// in arrays and objects, whether the line is text (something but a JSON
// value, white space, or a data stream part's code before one, stood at
// its top level), whether a value has just ended at the top, white space
// aside, how much of a part's code and colon (datastream.go) opened the
// line, and the last two bytes taken in (a NEL or U+2028 may be cut
// across writes).
type lineScan struct {
	str, esc    bool
	depth       int
	text        bool
	closed      bool
	group       bool // closed by a '}' or ']'
	started     bool // a value began at the top
	code, colon int  // a part's code: its letters and digits, its colon
	last        [2]byte
}

// end returns where the first line of p ends, past its line break: at an
// LF (CRLF as one), or, in a line of JSON values right after one (white
// space aside), at any other of lineBreaks, NEL, U+2028 or U+2029. A line
// of text keeps its lone CRs (a terminal's carriage returns, read by the
// terminal reading) and its other breaks. It returns -1 when p ends no
// line; the scan then goes on with the next bytes. After an end it starts
// afresh. Each byte is looked at once.
func (ls *lineScan) end(p []byte) int {
	for i := 0; i < len(p); i++ {
		c := p[i]
		countReadingSteps(1)
		if c == '\n' || ls.closed && !ls.str && isLineBreak(c) {
			*ls = lineScan{}
			return lineBreakEnd(p, i)
		}
		if ls.closed && ls.group && (c == '{' || c == '[') {
			// an object or array right after one (white space aside): the
			// next line starts with it, as a json.Decoder reads them
			*ls = lineScan{}
			return i
		}
		switch {
		case ls.str:
			switch {
			case ls.esc:
				ls.esc = false
			case c == '\\':
				ls.esc = true
			case c == '"':
				ls.str, ls.closed, ls.group = false, ls.depth == 0 && !ls.text, false
			}
		case c == 0x85 && ls.closed && ls.last[1] == 0xc2,
			(c == 0xa8 || c == 0xa9) && ls.closed && ls.last == [2]byte{0xe2, 0x80}:
			*ls = lineScan{}
			return i + 1
		case c == '"' || c == '{' || c == '[':
			if ls.depth == 0 {
				ls.text = ls.text || ls.code > 0 && ls.colon == 0
				ls.started = true
			}
			ls.str = c == '"'
			if !ls.str {
				ls.depth++
			}
			ls.closed = false
		case c == '}' || c == ']':
			if ls.depth == 0 {
				ls.text = true
			}
			ls.depth = max(0, ls.depth-1)
			ls.closed = ls.depth == 0 && !ls.text
			ls.group = true
		case ls.depth > 0 || c == ' ' || c == '\t' || ls.closed && (c == 0xc2 || c == 0xe2 || c == 0x80):
			// inside a value; white space; the lead of a NEL or U+2028
		case c == recordSep && !ls.started && ls.code == 0:
			// the RS that opens a record of a JSON text sequence
		case !ls.started && ls.colon == 0 && ls.code < maxPartCode && (c >= '0' && c <= '9' || c >= 'a' && c <= 'z'):
			ls.code++
		case !ls.started && ls.colon == 0 && ls.code > 0 && c == ':':
			ls.colon++
		default:
			ls.text, ls.closed = true, false
		}
		ls.push(c)
	}
	return -1
}

// push takes in c as the last byte seen: ls.last holds the two bytes
// before the one looked at, across writes.
func (ls *lineScan) push(c byte) { ls.last = [2]byte{ls.last[1], c} }

// lineBreakEnd returns where the line break at p[i] ends: past a CRLF,
// else past the byte. A CR last in p ends its line there; an LF that
// follows it in the next write is a blank line of its own.
func lineBreakEnd(p []byte, i int) int {
	if p[i] == '\r' && i+1 < len(p) && p[i+1] == '\n' {
		return i + 2
	}
	return i + 1
}

// trimLineEnd returns line without the line break that ends it.
func trimLineEnd(line []byte) []byte {
	if t := bytes.TrimRight(line, lineBreaks); len(t) < len(line) {
		return t
	}
	for _, u := range [...]string{"\u2028", "\u2029", "\u0085"} {
		if t, ok := bytes.CutSuffix(line, []byte(u)); ok {
			return t
		}
	}
	return line
}

// mayEndLine reports whether p holds what lineScan.end ends a line at:
// a byte of lineBreaks, a NEL, a U+2028 or a U+2029, or two values back
// to back (backToBack). Without one, end finds no line end in p however
// its bytes read, and a caller that needs a whole line (jsonLines) knows
// so from a few fast searches instead of end's look at every byte.
func mayEndLine(p []byte) bool {
	for i := range len(lineBreaks) {
		if bytes.IndexByte(p, lineBreaks[i]) >= 0 {
			return true
		}
	}
	return bytes.Contains(p, []byte("\u0085")) || bytes.Contains(p, []byte("\u2028")) || bytes.Contains(p, []byte("\u2029")) || backToBack(p)
}

// backToBack reports whether a '}' or ']' in p is followed, with nothing
// between but what lineScan.end passes over after a value (a space, a
// tab, the lead bytes of a NEL or U+2028), by a '{' or '[': where two
// objects or arrays may stand back to back. (Inside a string, or after
// a key, it is none: lineScan.end tells.) Each byte is looked at once.
func backToBack(p []byte) bool {
	// the next '}' and the next ']' at or after i, each searched for
	// again only once i is past it (bytes.IndexAny(p[i:], "}]") looks at
	// every byte, and at those after a close again for the next one)
	brace, bracket := -2, -2
	for i := 0; i < len(p); {
		brace, bracket = nextAt(p, i, '}', brace), nextAt(p, i, ']', bracket)
		k := min(brace, bracket)
		if k < 0 {
			k = max(brace, bracket)
		}
		if k < 0 {
			return false
		}
		i = k + 1
		for i < len(p) && (p[i] == ' ' || p[i] == '\t' || p[i] == 0xc2 || p[i] == 0xe2 || p[i] == 0x80) {
			i++
		}
		if i < len(p) && (p[i] == '{' || p[i] == '[') {
			return true
		}
	}
	return false
}

// nextAt returns where the first c of p at or after i is, or -1: at, the
// answer for an earlier i (-2 for none yet), when it still holds.
func nextAt(p []byte, i int, c byte, at int) int {
	if at == -1 || at >= i {
		return at
	}
	if k := bytes.IndexByte(p[i:], c); k >= 0 {
		return i + k
	}
	return -1
}

// isLineBreak reports whether c is one of lineBreaks.
func isLineBreak(c byte) bool {
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x1c && c <= 0x1e
}

// leadingRS returns how many RS bytes (recordSep) open b.
func leadingRS(b []byte) int {
	k := 0
	for k < len(b) && b[k] == recordSep {
		k++
	}
	return k
}
