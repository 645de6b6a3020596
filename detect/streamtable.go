package detect

import "bytes"

// A table streamed in chunks keeps its header: a CSV export of 200 KiB
// read 64 KiB at a time has its 姓名,手机 line in the first chunk only,
// and the rows of the next chunks, read without it, had their name
// cells read as prose is (a nickname beside a mobile went out raw). The
// redactor carries the header line in force where it cuts (tableSweep),
// a bounded copy of one line, not the rows, and reads the next chunk
// with it put back right above the rows that follow (after the context
// already written, and a blank line, so no row of it is read as the
// header's): the rows are read under their header as a buffered body's
// are. It cuts at a line's start for that (within streamHold bytes of
// where it would cut); a line longer than that, or a finding across the
// line end, carries no header.

// maxCarriedHeader bounds the header line a stream carries from chunk to
// chunk: a longer line is no table's header a stream keeps.
const maxCarriedHeader = 4 << 10

// tableHeaderAt returns text[hs:he], the header line in force at the line
// starting at text[mark] as tableNames reads the text, or hs < 0.
func (e *Engine) tableHeaderAt(text []byte, mark int) (hs, he int) {
	s := e.newScanner(text, 0)
	hs, he = s.tableSweep(mark, 0, false)
	s.release()
	return hs, he
}

// withHeader returns the text a chunk is read in: the buffer, or, with a
// header carried, the context, a blank line, the header and the rest of
// the buffer (shift bytes inserted at s.ctx).
func (s *StreamRedactor) withHeader() (text []byte, shift int) {
	if len(s.head) == 0 {
		return s.buf, 0
	}
	t := append(s.scratch[:0], s.buf[:s.ctx]...)
	t = append(t, '\n')
	t = append(t, s.head...)
	t = append(t, '\n')
	shift = len(t) - s.ctx
	t = append(t, s.buf[s.ctx:]...)
	s.scratch = t
	return t, shift
}

// unshift maps the findings of a text withHeader made back to the
// buffer: those in the inserted lines are dropped, those after them
// moved back by shift.
func (s *StreamRedactor) unshift(findings []Finding, shift int) []Finding {
	if shift == 0 {
		return findings
	}
	kept := findings[:0]
	for _, f := range findings {
		step()
		switch {
		case f.Start >= s.ctx+shift:
			f.Start -= shift
			f.End -= shift
			kept = append(kept, f)
		case f.End <= s.ctx:
			kept = append(kept, f)
		}
	}
	return kept
}

// carryHeader moves a cut to the start of its line, when a table's
// header is in force there in text (the chunk as read, shift bytes
// inserted at s.ctx), and keeps that header for the next chunk; else it
// forgets the header and returns cut as it was. A flush (final) cuts
// where the buffer ends: a header is carried when that is a line's end.
func (s *StreamRedactor) carryHeader(text []byte, shift, cut int, findings []Finding, final bool) int {
	s.head = s.head[:0]
	if !s.e.enabled.has(nameIndex) || cut <= s.ctx {
		return cut
	}
	mark := cut
	if final {
		if s.buf[cut-1] != '\n' {
			return cut
		}
	} else {
		lo := max(s.ctx, cut-streamHold)
		nl := bytes.LastIndexByte(s.buf[lo:cut], '\n')
		if nl < 0 {
			return cut
		}
		mark = lo + nl + 1
	}
	for _, f := range findings {
		step()
		if f.Start < mark && mark < f.End {
			return cut
		}
	}
	hs, he := s.e.tableHeaderAt(text, mark+shift)
	if hs < 0 || he-hs > maxCarriedHeader {
		return cut
	}
	s.head = append(s.head, text[hs:he]...)
	return mark
}
