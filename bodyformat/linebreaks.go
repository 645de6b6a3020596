package bodyformat

import "bytes"

// A line of JSON lines (or of incremental text) ends where its reader
// ends it. Most split at LF; Python's str.splitlines and bytes.splitlines
// (requests' iter_lines) split at a lone CR and CRLF too, and
// str.splitlines also at VT, FF, FS, GS and RS. None of those five can
// stand raw in a JSON text (not inside a string, not as white space), so
// ending a line at one never cuts a valid JSON line: the stream reader
// ends lines at all of them. NEL (U+0085) and U+2028/U+2029, which
// str.splitlines knows as well, may stand raw inside a JSON string, so a
// line is not ended there: a JSON document holding one would be cut.

// lineBreaks are the bytes that end a line of a stream of lines.
const lineBreaks = "\n\r\v\f\x1c\x1d\x1e"

// lineBreakEnd returns where the line break at p[i] ends: past a CRLF,
// else past the byte. A CR last in p ends its line there; an LF that
// follows it in the next write is a blank line of its own.
func lineBreakEnd(p []byte, i int) int {
	if p[i] == '\r' && i+1 < len(p) && p[i+1] == '\n' {
		return i + 2
	}
	return i + 1
}

// trimLineEnd returns line without the line breaks that end it.
func trimLineEnd(line []byte) []byte {
	return bytes.TrimRight(line, lineBreaks)
}

// isLineBreak reports whether c is one of lineBreaks.
func isLineBreak(c byte) bool {
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x1c && c <= 0x1e
}
