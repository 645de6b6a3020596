package bodyformat

import "bytes"

// A line of JSON lines (or of incremental text) ends where its reader
// ends it. Most split at LF; Python's str.splitlines and bytes.splitlines
// (requests' iter_lines) split at a lone CR and CRLF too, and
// str.splitlines also at VT, FF, FS, GS, RS, NEL (U+0085), U+2028 and
// U+2029. None of VT, FF, FS, GS and RS can stand raw in a JSON text (not
// inside a string, not as white space), so ending a line at one never
// cuts a valid JSON line: the stream reader ends lines at all of them.
// NEL, U+2028 and U+2029 may stand raw inside a JSON string, so a line
// ends at one only outside a JSON string (lineScan): `}\u2028{` ends a
// line, "a\u2028b" does not.

// lineBreaks are the bytes that end a line of a stream of lines.
const lineBreaks = "\n\r\v\f\x1c\x1d\x1e"

// lineByte marks the bytes lineScan stops at: the line breaks, the quote
// and backslash of JSON strings, and the last byte of NEL (C2 85),
// U+2028 (E2 80 A8) and U+2029 (E2 80 A9).
var lineByte = func() (t [256]bool) {
	for _, c := range []byte(lineBreaks + "\"\\\x85\xa8\xa9") {
		t[c] = true
	}
	return t
}()

// lineScan is where a search for the end of a line stands across writes:
// inside a JSON string or not, right after a backslash in one, and the
// last two bytes taken in (a NEL or U+2028 may be cut across writes).
type lineScan struct {
	str, esc bool
	last     [2]byte
}

// end returns where the first line of p ends, past its line break: at one
// of lineBreaks (CRLF as one), or at NEL, U+2028 or U+2029 outside a JSON
// string. It returns -1 when p ends no line; the scan then goes on with
// the next bytes. After an end it starts afresh. Each byte is looked at
// once.
func (ls *lineScan) end(p []byte) int {
	i := 0
	if ls.esc && len(p) > 0 {
		ls.esc = false
		i = 1 // escaped by a backslash that ended the last write
	}
	for ; i < len(p); i++ {
		c := p[i]
		if !lineByte[c] {
			continue
		}
		countReadingSteps(1)
		switch {
		case isLineBreak(c):
			*ls = lineScan{}
			return lineBreakEnd(p, i)
		case c == '"':
			ls.str = !ls.str
		case c == '\\':
			if ls.str {
				if i+1 == len(p) {
					ls.esc = true
				}
				i++
			}
		case !ls.str && (c == 0x85 && ls.before(p, i, 1) == 0xc2 ||
			c != 0x85 && ls.before(p, i, 1) == 0x80 && ls.before(p, i, 2) == 0xe2):
			*ls = lineScan{}
			return i + 1
		}
	}
	switch len(p) {
	case 0:
	case 1:
		ls.last = [2]byte{ls.last[1], p[0]}
	default:
		ls.last = [2]byte{p[len(p)-2], p[len(p)-1]}
	}
	return -1
}

// before returns the byte k places before p[i], reaching into the bytes
// of the last writes (k at most 2).
func (ls *lineScan) before(p []byte, i, k int) byte {
	if i >= k {
		return p[i-k]
	}
	return ls.last[2-(k-i)]
}

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

// isLineBreak reports whether c is one of lineBreaks.
func isLineBreak(c byte) bool {
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x1c && c <= 0x1e
}
