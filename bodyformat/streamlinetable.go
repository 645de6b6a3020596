package bodyformat

import "bytes"

// A table sent one row a line or a message (a text/plain stream of CSV
// lines, text WebSocket messages of rows) has its header in the first
// line only: each line, read on its own, had its name cells read as
// prose is (1,小叶,<mobile> under 编号,联系人,手机: 小叶 went out raw),
// where the same text buffered reads them under their header. A stream
// of lines keeps the header line in force (detect's
// TableHeaderOfLastLine) and reads each text line with it right above;
// a line that fits no such header, a blank one or a JSON value ends it,
// and a line that is a header starts another. Each line so read costs
// the header's bytes more: a header longer than maxLineHeader, or a line
// with none of its cell separators, is read alone.

// maxLineHeader bounds the header line a stream of lines carries, and
// so what reading a line under it costs beside the line.
const maxLineHeader = 512

// lineTable is the table header a stream of lines carries.
type lineTable struct {
	head []byte // the header line in force (empty: none)
	read []byte // the header, a line end and the line, read together
}

// textLine reads a text line of a stream of lines (the payload of an
// event that is no JSON) and returns it masked, or nil when nothing
// changed, as in.text does: under the table header carried from the
// lines before, and keeps the header for the lines after it.
func (s *Stream) textLine(in *inspector, line []byte) []byte {
	t := &s.table
	if len(line) == 0 {
		t.head = t.head[:0] // (a blank line ends a table)
		return in.text(line, 0)
	}
	if len(t.head) > 0 && bytes.ContainsAny(line, ",;|\t ") {
		// (with a line end after it: the table goes on past the line
		// only when the line is one of its rows)
		t.read = append(append(append(append(t.read[:0], t.head...), '\n'), line...), '\n')
		mark, hs, _ := s.eng.TableHeaderOfLastLine(t.read)
		if t.read = t.read[:len(t.read)-1]; hs == 0 && mark == len(t.read)+1 {
			return s.underHead(in, len(line))
		}
	}
	t.head = t.head[:0]
	head := bytes.TrimPrefix(line, []byte(csUTF8.bom)) // (Excel's "CSV UTF-8" opens its header so)
	if mark, hs, he := s.eng.TableHeaderOfLastLine(head); hs == 0 && mark == 0 && he-hs <= maxLineHeader {
		t.head = append(t.head, head[hs:he]...)
	}
	return in.text(line, 0)
}

// underHead reads t.read, the header and the line of n bytes after it,
// and returns the line masked (nil: unchanged); the findings in.text
// adds are the line's, their offsets the line's. A mask that reaches
// into the header (none should) reads the line alone instead.
func (s *Stream) underHead(in *inspector, n int) []byte {
	t := &s.table
	hl := len(t.read) - n
	line := t.read[hl:]
	k := len(in.findings)
	out := in.text(t.read, 0)
	for _, f := range in.findings[k:] {
		if f.Start < hl {
			in.findings = in.findings[:k]
			return in.text(line, 0)
		}
	}
	for i := k; i < len(in.findings); i++ {
		in.findings[i].Start -= hl
		in.findings[i].End -= hl
	}
	if out == nil {
		return nil
	}
	if !bytes.Equal(out[:hl], t.read[:hl]) {
		in.findings = in.findings[:k]
		return in.text(line, 0)
	}
	return out[hl:]
}
