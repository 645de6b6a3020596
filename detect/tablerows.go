package detect

import "bytes"

// A table's lines and rows are read as a CSV reader (Excel, Python's
// csv) reads them, so that what an export's writer puts in a cell does
// not end its table:
//
//   - a line ends at '\n', at a run of '\r' followed by '\n' ("\r\n", and
//     "\r\r\n": a "\r\n" terminator written through a text-mode file on
//     Windows, Python csv's known pitfall), or at a bare '\r' (classic Mac
//     exports);
//   - under a header (tableSweep), a line whose cells are not as many as
//     the header's is read again as a CSV row (csvRow): a cell that opens
//     with a double quote runs to the quote that closes it ("" is a quote
//     within), across separators and line ends (RFC 4180: "周一,送达",
//     "周一\r送达", "周一\n送达"), and a bare '\r' before the row has all
//     its cells is part of the cell it stands in (fail closed: a stray
//     carriage return does not end the table), unless nothing stands
//     before it on its line (a blank line still ends the table). When
//     that reading gives the row the header's cells, the row is read so;
//     else the table ends, as it did.
//
// A quoted cell is read at most maxQuotedCell bytes for its closing quote,
// and a row that failed the CSV reading leaves the bytes it read to the
// line reading only (tableSweep's plain mark): each byte is read by a
// bounded number of CSV readings however the quotes fall. A row whose
// quote is not closed within the bound keeps the table (fail closed,
// fix54stream: a remark over 2 KiB had ended it, and the rows after it
// went out with their names raw): its line is read as a row of its own
// line's cells, and the lines after it that do not fit the header are
// passed over as the open cell's (a blank line too), until a line fits
// or a header line starts another table. A row that fits the header as
// a line yet leaves a quote open at its end (lineOpensQuote: a stray '"'
// opening a remark) keeps the table the same way, whatever lines follow
// it (attack54c F4: a 20-byte remark line after it had ended the table,
// every later row's nickname raw).

// maxQuotedCell bounds the bytes a quoted cell of a CSV row may hold (a
// remark written over many lines); an opening quote not closed within it
// makes no row, and the table is kept past it (above). A row holding
// such a cell is still no longer than a stream's cut moves back over
// (maxCarriedRow).
const maxQuotedCell = 16 << 10

// lineReader finds the ends of a text's lines (above) for a sweep that
// reads them in order: it looks for each '\n', '\r' and run of '\r'
// once, so the searches read each byte once however the lines end.
type lineReader struct {
	text  []byte
	nl    int // the next '\n' at or after the line read last, len(text) when none
	cr    int // the next '\r', as nl
	crEnd int // the end of the run of '\r' that holds cr
}

// newLineReader returns a lineReader of text.
func newLineReader(text []byte) lineReader {
	return lineReader{text: text, nl: -1, cr: -1, crEnd: -1}
}

// line returns the end of the line starting at text[ls] and where the
// next line starts (len(text)+1 when the line is the text's last and no
// line end closes it). ls grows from call to call.
func (r *lineReader) line(ls int) (end, next int) {
	if r.nl < ls {
		r.nl = indexByteFrom(r.text, ls, '\n')
	}
	if r.cr < ls {
		r.cr = indexByteFrom(r.text, ls, '\r')
	}
	if r.cr >= r.nl {
		return r.nl, r.nl + 1
	}
	if r.crEnd <= r.cr {
		r.crEnd = crRunEnd(r.text, r.cr)
	}
	if r.crEnd == r.nl && r.nl < len(r.text) {
		return r.cr, r.nl + 1 // "\r\n", "\r\r\n": one line end
	}
	return r.cr, r.cr + 1 // a bare '\r'
}

// crRunEnd returns the end of the run of '\r' starting at text[p].
func crRunEnd(text []byte, p int) int {
	for p < len(text) && text[p] == '\r' {
		step()
		p++
	}
	return p
}

// csvRow reads the row starting at text[ls], split by sep, as a CSV
// reader does (above). ok reports whether it holds exactly cells cells;
// then the row ends at text[end] and the next line starts at text[next].
// far is how far the reading went (past end when the row ran on to a
// line end with too few or too many cells, or a quote nothing closed);
// open reports a quote nothing closed within maxQuotedCell.
func (s *scanner) csvRow(ls int, sep byte, cells int) (end, next int, ok bool, far int, open bool) {
	t := s.text
	n := 1 // the cells read, the one at p included
	for p := ls; ; {
		step()
		q := skipQuotedCell(t, p)
		if q < 0 {
			return 0, 0, false, min(len(t), p+maxQuotedCell), true
		}
		p = q
		for p < len(t) && t[p] != sep && t[p] != '\n' && t[p] != '\r' {
			step()
			p++
		}
		switch {
		case p == len(t):
			return p, p + 1, n == cells, p, false
		case t[p] == sep:
			if n++; n > cells {
				return 0, 0, false, p, false
			}
			p++
		case t[p] == '\n':
			return p, p + 1, n == cells, p, false
		default: // a run of '\r'
			q := crRunEnd(t, p)
			switch {
			case q < len(t) && t[q] == '\n':
				return p, q + 1, n == cells, q, false
			case n == cells:
				return p, p + 1, true, p, false // a bare '\r' ends a whole row
			case p == ls:
				return p, p + 1, false, p, false // a blank line
			}
			p = q // a bare '\r' in a row short of cells: the cell's
		}
	}
}

// skipQuotedCell returns where the quoted part of the cell starting at
// text[p] ends: past its closing quote when the cell opens with one
// (after spaces), p when it does not, and -1 when no quote closes it
// within maxQuotedCell bytes.
func skipQuotedCell(text []byte, p int) int {
	q := p
	for q < len(text) && text[q] == ' ' {
		step()
		q++
	}
	if q == len(text) || text[q] != '"' {
		return p
	}
	limit := min(len(text), q+1+maxQuotedCell)
	for q++; q < limit; q++ {
		step() // a byte at a time, counted: the reading is bounded by limit
		if text[q] != '"' {
			continue
		}
		if q+1 < limit && text[q+1] == '"' {
			q++ // "" is a quote within the cell
			continue
		}
		return q + 1
	}
	return -1
}

// lineOpensQuote reports whether a cell of the line text[ls:end], split
// by sep, opens with a double quote (after spaces) that nothing on the
// line closes: a CSV reader reads the lines after it as that cell's. It
// reads each byte of the line a bounded number of times.
func (s *scanner) lineOpensQuote(ls, end int, sep byte) bool {
	line := s.text[:end]
	if bytes.IndexByte(line[ls:], '"') < 0 {
		return false
	}
	for p := ls; p <= end; {
		step()
		q := skipQuotedCell(line, p)
		if q < 0 {
			return true
		}
		i := bytes.IndexByte(line[q:], sep)
		if i < 0 {
			return false
		}
		p = q + i + 1
	}
	return false
}

// csvCell returns the cell of a CSV row ending at end (csvRow), split by
// sep, that starts at text[p], as tableCell does for a line: its quoted
// part, if any, holds separators and line ends.
func (s *scanner) csvCell(p, end int, sep byte) (a, b, next int) {
	q := skipQuotedCell(s.text[:end], p)
	if q < 0 {
		q = p // csvRow closed every quote of the row: not reached
	}
	_, _, next = s.tableCell(q, end, sep)
	a, b = p, min(next-1, end)
	for a < b && isHeaderPad(s.text[a]) {
		a++
	}
	for b > a && isHeaderPad(s.text[b-1]) {
		b--
	}
	return a, b, next
}
