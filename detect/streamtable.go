package detect

import "slices"

// A table streamed in chunks keeps its header: a CSV export of 200 KiB
// read 64 KiB at a time has its 姓名,手机 line in the first chunk only,
// and the rows of the next chunks, read without it, had their name
// cells read as prose is (a nickname beside a mobile went out raw). The
// redactor carries the header line in force where it cuts (tableSweep),
// a bounded copy of one line, not the rows, and reads the next chunk
// with it put back right above the rows that follow (after the context
// already written, and a blank line, so no row of it is read as the
// header's): the rows are read under their header as a buffered body's
// are. It cuts at a row's start for that (within maxCarriedRow bytes of
// where it would cut); a row longer than that, or a finding across the
// row's start, carries no header. A cut that falls inside the header
// line itself moves to the end of that line, the header carried
// (attack53a F3: a wide header cut at its middle had left the next chunk
// its last 256 bytes only, and every row after it was read with no
// header).

// maxCarriedHeader bounds the header line a stream carries from chunk to
// chunk (a longer line is no table's header a stream keeps); the buffer
// has room for it, so a carried header costs no memory beside its copy.
const maxCarriedHeader = 2 << 10

// maxCarriedRow bounds how far back a cut moves to the start of the row
// it falls in: a CSV row longer than the stream's hold (a long remark)
// still carries its header, and each chunk writes at least half its new
// bytes, so a byte is read at most about twice. The buffer holds what
// the cut leaves (its room is streamChunk+streamHold new bytes whatever
// it holds already).
const maxCarriedRow = streamChunk / 2

// tableHeaderAt returns mark, the start of the last row of the text
// starting at or before text[cut] as tableNames reads the text, and
// text[hs:he], the header line in force at that row, or hs < 0; hs ==
// mark when the line at mark is itself a table's header.
func (e *Engine) tableHeaderAt(text []byte, cut int) (mark, hs, he int) {
	s := e.newScanner(text, 0)
	mark, hs, he = s.tableSweep(cut, 0, false)
	s.release()
	return mark, hs, he
}

// putHeader puts the header carried from the chunk before, if any, back
// above the buffer's new bytes, in place: a blank line and the header's
// line after the context (so the context's last row is not read as a
// line above the header), and returns how many bytes it put in. After a
// context that ends in '\r' (the cut followed a bare '\r', or a flush
// split a line end), both line ends are '\r': "\r\r" is a blank line,
// and the header's '\r' joins a '\n' or "\r\n" the new bytes start with
// into one line end, as the context's did.
func (s *StreamRedactor) putHeader() int {
	if len(s.head) == 0 {
		return 0
	}
	eol := byte('\n')
	if s.ctx > 0 && s.buf[s.ctx-1] == '\r' {
		eol = '\r'
	}
	shift := len(s.head) + 2
	n := len(s.buf)
	s.buf = slices.Grow(s.buf, shift)[:n+shift] // within its capacity: no allocation
	copy(s.buf[s.ctx+shift:], s.buf[s.ctx:n])
	s.buf[s.ctx] = eol
	copy(s.buf[s.ctx+1:], s.head)
	s.buf[s.ctx+shift-1] = eol
	return shift
}

// takeHeader takes the lines putHeader put in (s.buf[s.ctx:start]) out of
// the buffer again, and maps findings and cut, offsets in the buffer with
// them, to the buffer without them: a finding in them is dropped.
func (s *StreamRedactor) takeHeader(start int, findings []Finding, cut int) ([]Finding, int) {
	shift := start - s.ctx
	if shift == 0 {
		return findings, cut
	}
	n := copy(s.buf[s.ctx:], s.buf[start:])
	s.buf = s.buf[:s.ctx+n]
	kept := findings[:0]
	for _, f := range findings {
		step()
		switch {
		case f.Start >= start:
			f.Start -= shift
			f.End -= shift
			kept = append(kept, f)
		case f.End <= s.ctx:
			kept = append(kept, f)
		}
	}
	if cut >= start {
		cut -= shift
	} else {
		cut = min(cut, s.ctx)
	}
	return kept, cut
}

// carryHeader moves a cut to the start of its row (tableSweep: after
// '\n', a line end of '\r', or a quoted cell's line ends), when a
// table's header is in force there (the buffer as read, its new bytes
// from start), and keeps that header for the next chunk; a cut in the
// header's own line moves forward to the line after it (the first row),
// the header carried. Else it forgets the header and returns cut as it
// was. A flush (final) cuts where the buffer ends: a header is carried
// when a row starts there.
func (s *StreamRedactor) carryHeader(start, cut int, findings []Finding, final bool) int {
	s.head = s.head[:0]
	if !s.e.enabled.has(nameIndex) || cut <= start {
		return cut
	}
	mark, hs, he := s.e.tableHeaderAt(s.buf, cut)
	if final && mark != cut || mark <= max(start, cut-maxCarriedRow) || hs < 0 {
		return cut
	}
	if hs == mark { // the cut falls in the header's own line: cut after it
		lines := newLineReader(s.buf)
		if _, mark = lines.line(hs); mark > len(s.buf) {
			return cut // the line runs on past the buffer
		}
	}
	for _, f := range findings {
		step()
		if f.Start < mark && mark < f.End {
			return cut
		}
	}
	if he-hs > maxCarriedHeader {
		return cut
	}
	s.head = append(s.head, s.buf[hs:he]...)
	return mark
}
