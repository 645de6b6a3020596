package bodyformat

import "bytes"

// A table's header cell labels the cells of its column, and is never
// itself a value: in <tr><th>姓名</th><th>住址</th></tr><tr><td>张三</td>…
// a reader takes 张三 for the 姓名 of the row, not 住址 for a name. The
// markup view reads each header cell's text ended by headCellEnd (a full
// stop: no label reads past it, so 姓名 takes no value from the next
// header), and puts before a data cell the label its column's header
// names when it names a name or an address (as elementLabel puts an XML
// element's): 姓名：张三.

// headCellEnd ends the text of a header cell in the view.
const headCellEnd = "。"

// Bounds of the headers a table's reader keeps: a header longer than
// maxHeaderBytes names no field (a caption, a sentence), columns past
// maxHeaderColumns are read without a label.
const (
	maxHeaderBytes   = 64
	maxHeaderColumns = 64
)

// tableState is what a markup reader keeps of the table being read: the
// labels of its columns, the cells of the row read so far (the cell being
// read is column cells-1) and, while a header cell is read (inHead),
// where its text starts in the view. Its zero value is no table.
type tableState struct {
	heads  [maxHeaderColumns]string // a column's label, "" for none
	cells  int
	inHead bool
	headAt int
}

// reset forgets the table (a new table, or a new document).
func (t *tableState) reset() { *t = tableState{} }

// tableTag follows the table tags of an HTML document (name lower-case,
// the tag at raw[at]); called before the separator an opening block tag
// puts in the view, it ends the header cell being read, and after it
// (labelCell) puts the label of a data cell's column.
func (m *markupReader) tableTag(name []byte, at int, closing bool) {
	switch string(name) {
	case "th", "td", "tr", "table", "thead", "tbody", "tfoot", "caption":
	default:
		return
	}
	t := &m.table
	if t.inHead {
		head := bytes.TrimSpace(m.view[min(t.headAt, len(m.view)):])
		if col := t.cells - 1; col >= 0 && col < maxHeaderColumns && len(head) <= maxHeaderBytes {
			t.heads[col] = columnLabel(head)
		}
		t.inHead = false
		m.synthetic(headCellEnd, at)
	}
	switch {
	case closing:
	case string(name) == "table":
		t.reset()
	case string(name) == "tr":
		t.cells = 0
	case string(name) == "th" || string(name) == "td":
		t.cells++
	}
}

// labelCell, after the separator of an opening cell tag, starts the
// reading of a header cell's text, or puts a data cell's column label in
// the view.
func (m *markupReader) labelCell(name []byte, at int) {
	t := &m.table
	col := t.cells - 1
	switch {
	case string(name) == "th":
		t.inHead, t.headAt = true, len(m.view)
	case string(name) == "td" && col >= 0 && col < maxHeaderColumns && t.heads[col] != "":
		m.synthetic(t.heads[col], at)
	}
}

// columnLabel returns the label a header's text (head) puts before the
// cells of its column: the engine's label for a name or an address
// (fieldLabel), or "". A column of numbers is left unlabelled: a number
// is found by its own shape, and a label before a row's first cell would
// read the cells after it as the groups of one number (手机 | 138 | 1200 |
// 5999: a model, a count, a price).
func columnLabel(head []byte) string {
	if bytes.ContainsAny(head, "<&\n") {
		return ""
	}
	return fieldLabel(keyHint(head))
}
