package detect

import (
	"bytes"
	"unicode/utf8"
)

// A table's header names its columns: under 联系人,手机 (CSV),
// 联系人\t手机 (TSV) or | 联系人 | 手机 | (Markdown), the cells of the
// 联系人 column are names whatever their shape (小叶, 小叶子呀, Kitty), as a
// labelled value is; the cells of a column its header names otherwise
// (商品, 状态) are read as before (tableWord).
//
// One sweep reads the text line by line, forward (tableNames). A line split
// by a separator (',', '\t' or '|') into two cells or more, one of which is
// a Chinese name label whole (联系人, 联系人1, "姓名", **姓名**), is a header. An
// English one (name) is not: | Name | Type | heads the fields of an API's
// documentation (id, created_at) as often as people, and name: lodash is no
// labelled name either. The header is carried forward over the lines right
// after it that hold as many cells split by the same separator (its rows:
// no blank line, no line of another shape between), and each row's cells
// under a name label are read as names (columnName), wherever they stand in
// the row (1,小叶,138…; 小叶,138…,可乐,138…). Nothing is read back: each byte is
// looked at a bounded number of times however long the table is.
//
// A line that has as many cells as the line above it, split by the same
// separator, is a header only when every cell it has is a label (a title
// line above the header: 导出时间…, 共2条 then 联系人,手机); otherwise it
// is a row of the table above (| 姓名 | 张三 | in a table of fields and
// values is no header, and 张三's column names nothing).

// tableSeps are the separators of a table's cells, in the order a line
// holding several is read by: ';' is the comma of CSV written where the
// decimal mark is a comma (Excel in most of Europe).
var tableSeps = [...]byte{'\t', '|', ',', ';'}

// tableSepBytes are tableSeps as one-byte slices, for bytes.Count.
var tableSepBytes = [len(tableSeps)][]byte{{tableSeps[0]}, {tableSeps[1]}, {tableSeps[2]}, {tableSeps[3]}}

// utf8BOM is the byte order mark Excel's "CSV UTF-8" writes at the start
// of a file: no part of its first cell.
const utf8BOM = "\ufeff"

// tableNames reads the tables of the text (above) and records the cells
// under their name columns as names; sorted is the count of the sorted
// hits (covered). It reports whether it added any. Lines and rows are
// read as a CSV reader reads them (tablerows.go).
func (s *scanner) tableNames(sorted int) bool {
	added := len(s.hits)
	s.indexEnds()
	s.tableSweep(len(s.text), sorted, true)
	return len(s.hits) > added
}

// tableSweep reads the rows of the text that start before until, as
// tableNames reads them, the cells of the rows under a name column
// recorded as names when names is set. It returns mark, the start of the
// last row starting at or before text[until] (until itself when a row
// starts there), and the header line in force at that row (the table
// runs on to it): text[hs:he], or hs < 0 for none; or hs == mark when
// that row is a header line itself (the table starts, or starts again,
// there).
func (s *scanner) tableSweep(until, sorted int, names bool) (mark, hs, he int) {
	var prev [len(tableSeps)]int // the cells of the line above, by separator
	head := -1                   // the index in tableSeps of the current header's separator, or -1
	headCells := 0
	hs, he = -1, -1
	ls := 0
	if len(s.text) >= len(utf8BOM) && string(s.text[:len(utf8BOM)]) == utf8BOM {
		ls = len(utf8BOM)
	}
	lines := newLineReader(s.text)
	plain := 0       // rows starting before it are read as lines only: a CSV reading went over them and failed
	inQuote := false // a quoted cell is open past maxQuotedCell: lines that do not fit the header are its (tablerows.go)
	mhs, mhe := -1, -1
	qmark, qhs, qhe := 0, -1, -1 // mark, mhs, mhe at the row that opened the cell inQuote holds
	for ls < len(s.text) && ls < until {
		step()
		mark, mhs, mhe = ls, hs, he
		end, next := lines.line(ls)
		seps := countSeps(s.text[ls:end])
		csv, skip := false, false
		if head >= 0 && seps[head]+1 != headCells {
			opened := false
			if sep := tableSeps[head]; sep != '|' && ls >= plain {
				e, n, ok, far, open := s.csvRow(ls, sep, headCells)
				if ok {
					end, next, csv = e, n, true
				} else {
					plain, opened = far+1, open
				}
			}
			switch {
			case csv:
				inQuote = false
			case opened && !inQuote:
				inQuote = true // the row opening the cell: its line's cells read
				qmark, qhs, qhe = mark, mhs, mhe
			case inQuote && s.headerSep(ls, end, seps, prev) < 0:
				skip = true // a line of the open cell, part of the row that opened it
				mark, mhs, mhe = qmark, qhs, qhe
			default: // (a header line ends an open cell's lines: another table starts)
				head, hs, inQuote = -1, -1, false // the table ends
			}
		} else {
			// a row that fits the header as a line may open a quote it
			// does not close (a stray '"' in a remark): the lines after it
			// are the open cell's until a line fits (tablerows.go)
			inQuote = head >= 0 && s.lineOpensQuote(ls, end, tableSeps[head])
			if inQuote {
				qmark, qhs, qhe = mark, mhs, mhe
			}
		}
		switch {
		case skip:
			seps[head] = headCells - 1
		case csv:
			if names {
				s.tableRowNames(ls, end, tableSeps[head], sorted, true)
			}
			seps[head] = headCells - 1
		case head >= 0 && s.tableHeader(ls, end, tableSeps[head], true, false):
			s.tableHeader(ls, end, tableSeps[head], false, true) // a header again
			hs, he = ls, end
		case head >= 0:
			if names {
				s.tableRowNames(ls, end, tableSeps[head], sorted, false)
			}
		default:
			if i := s.headerSep(ls, end, seps, prev); i >= 0 {
				s.tableHeader(ls, end, tableSeps[i], false, true)
				head, headCells, hs, he = i, seps[i]+1, ls, end
			}
		}
		for i := range prev {
			prev[i] = seps[i] + 1
		}
		ls = next
	}
	if ls > until {
		if hs == mark {
			return mark, hs, he // the row at mark is a header
		}
		return mark, mhs, mhe
	}
	return until, hs, he
}

// headerSep returns the index in tableSeps of the separator that makes
// the line text[ls:end] a header (tableHeader: strict when it has as
// many cells as the line above, prev), or -1. seps are its separators'
// counts.
func (s *scanner) headerSep(ls, end int, seps, prev [len(tableSeps)]int) int {
	for i, c := range tableSeps {
		if seps[i] > 0 && s.tableHeader(ls, end, c, seps[i]+1 == prev[i], false) {
			return i
		}
	}
	return -1
}

// shortLine is the length under which countSeps reads a line byte by
// byte: below it, four calls of bytes.Count cost more than the loop.
const shortLine = 48

// sepIndex maps a byte to its place in tableSeps plus one, 0 for any
// other byte.
var sepIndex = func() (t [256]uint8) {
	for i, c := range tableSeps {
		t[c] = uint8(i + 1)
	}
	return t
}()

// countSeps returns how many of each of tableSeps the line holds.
func countSeps(line []byte) (n [len(tableSeps)]int) {
	if len(line) < shortLine {
		var c [8]int
		for _, b := range line {
			step()
			c[sepIndex[b]&7]++
		}
		return [len(tableSeps)]int{c[1], c[2], c[3], c[4]}
	}
	for i := range tableSeps {
		n[i] = bytes.Count(line, tableSepBytes[i])
	}
	return n
}

// indexByteFrom returns the index of the first c in text at or after
// from, or len(text) when there is none.
func indexByteFrom(text []byte, from int, c byte) int {
	if i := bytes.IndexByte(text[from:], c); i >= 0 {
		return from + i
	}
	return len(text)
}

// tableHeader reports whether the line text[ls:end] split by sep is a
// header: one of its cells is a name label, and when strict every cell
// that is not empty is a label. When record, it keeps the columns of the
// name labels in s.tableCols (in order, from 0).
func (s *scanner) tableHeader(ls, end int, sep byte, strict, record bool) bool {
	if record {
		s.tableCols = s.tableCols[:0]
	}
	named := false
	for col, p := 0, ls; p <= end; col++ {
		a, q := s.tableCellStart(p, end, sep)
		p = q + 1
		if a == q || !strict && s.text[a] < utf8.RuneSelf {
			// a cell that starts with an ASCII byte (its padding, spaces
			// and tabs among it, trimmed) holds no Chinese label, whole,
			// after a qualifier or squeezed (headerLabel): when only a
			// name label counts, it is not read, nor its end trimmed
			// (the cells of a JSON text, "key":"value", all start so)
			continue
		}
		lw, ok := s.headerLabel(a, s.tableCellEnd(a, q))
		switch {
		case ok && lw.cats.has(nameIndex) && !lw.ascii:
			named = true
			if record {
				s.tableCols = append(s.tableCols, col)
			}
		case strict && !ok:
			return false
		}
	}
	return named
}

// tableRowNames records as names the cells of the row text[ls:end],
// split by sep, that stand under a name column of the header
// (s.tableCols) and may be names (columnName), when no hit covers them.
// csv tells a row read by csvRow, whose quoted cells hold separators.
func (s *scanner) tableRowNames(ls, end int, sep byte, sorted int, csv bool) {
	k := 0
	for col, p := 0, ls; p <= end && k < len(s.tableCols); col++ {
		p0 := p
		var a, b, next int
		if csv {
			a, b, next = s.csvCell(p, end, sep)
		} else {
			a, b, next = s.tableCell(p, end, sep)
		}
		p = next
		if col != s.tableCols[k] {
			continue
		}
		k++
		if a < b && !s.maskedCell(p0, a, b, p-1) && s.columnName(a, b) && !s.covered(a, b, sorted) {
			s.emitName(a, b, EvLabel)
		}
	}
}

// maskedCell reports whether the cell text[a:b], written text[from:to]
// with its padding, is what a mask left: a mask's label ([CN_NAME]), or
// a name's partial mask (小*, 欧阳**), whose stars after it are not as
// many as before it (**小叶** is emphasis). A redaction's output read
// again keeps its masks as they are.
func (s *scanner) maskedCell(from, a, b, to int) bool {
	if maskAt(s.text, a) {
		return true
	}
	before, after := 0, 0
	for p := from; p < a; p++ {
		if s.text[p] == '*' {
			before++
		}
	}
	for p := b; p < to; p++ {
		if s.text[p] == '*' {
			after++
		}
	}
	return before != after
}

// tableCell returns the cell of a line ending at end, split by sep, that
// starts at text[p]: text[a:b] without the spaces, quotes and emphasis
// around it (isHeaderPad), and where the next cell starts (past end
// when this cell is the line's last).
func (s *scanner) tableCell(p, end int, sep byte) (a, b, next int) {
	a, q := s.tableCellStart(p, end, sep)
	return a, s.tableCellEnd(a, q), q + 1
}

// tableCellStart returns where the cell of tableCell that starts at
// text[p] starts without its padding, a, and where it ends with it, q
// (its separator or end): a == q for a cell of padding alone.
func (s *scanner) tableCellStart(p, end int, sep byte) (a, q int) {
	q = end
	if i := bytes.IndexByte(s.text[p:end], sep); i >= 0 {
		q = p + i
	}
	a = p
	for a < q && isHeaderPad(s.text[a]) {
		a++
	}
	return a, q
}

// tableCellEnd returns where the cell text[a:q] ends without the padding
// after it.
func (s *scanner) tableCellEnd(a, q int) int {
	for q > a && isHeaderPad(s.text[q-1]) {
		q--
	}
	return q
}

// isHeaderPad reports the bytes around a table cell's word: spaces,
// quotes and Markdown emphasis (| **联系人** |, "姓名", "小叶").
func isHeaderPad(b byte) bool {
	switch b {
	case ' ', '\t', '"', '\'', '*', '_', '`':
		return true
	}
	return false
}

// columnName reports whether the cell text[start:end] under a name column
// (tableNames) may be a name: a Han character or a letter (ASCII or
// full-width), no digit, no more than maxLabelledNameRunes characters, and
// nothing that fills a field without naming anyone (未知, 无) nor another
// label.
func (s *scanner) columnName(start, end int) bool {
	t := s.text[start:end]
	if len(t) == 0 || runeCount(t) > maxLabelledNameRunes || isNonValue(t) || isLabelWord(t) {
		return false
	}
	named := false
	for p := 0; p < len(t); {
		step()
		r, size := decodeRune(t[p:])
		p += size
		switch {
		case r < 0x80 && isASCIIDigit(byte(r)) || r >= 0xFF10 && r <= 0xFF19:
			return false // a digit, ASCII or full-width
		case isHan(r) || classifyRune(r).kind == uLetter:
			named = true // a Han character, a letter, ASCII or full-width (Ｋｉｔｔｙ)
		}
	}
	return named
}
