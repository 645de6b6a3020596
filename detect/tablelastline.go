package detect

// TableHeaderOfLastLine returns, for text whose last line a stream of
// lines is about to read, where that line starts (mark) and text[hs:he],
// the table header line in force there as a buffered reading of text
// reads its tables (hs < 0: none); hs == mark when the last line is
// itself a table's header. A stream whose lines are read one at a time
// (text lines, WebSocket messages) carries a header with it, as
// StreamRedactor carries one across its chunks (streamtable.go). hs is
// always below 0 when names are not read.
func (e *Engine) TableHeaderOfLastLine(text []byte) (mark, hs, he int) {
	if !e.enabled.has(nameIndex) {
		return len(text), -1, -1
	}
	return e.tableHeaderAt(text, len(text))
}
