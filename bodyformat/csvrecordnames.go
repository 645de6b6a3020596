package bodyformat

import (
	"bytes"
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A CSV or TSV row is a record as a JSON object is (recordnames.go): in
//
//	a,b,c
//	张三,<ID>,<mobile>
//
// the first cell is a name though its header says nothing. Text whose
// first line is a header of two cells or more (split by commas or by
// tabs, whichever it has more of) is read row by row when it holds a
// resident ID or a mobile: a row with as many cells as the header, one
// of which holds such an identifier, has each cell under a header that
// names nothing (neutralField) with no finding of its own read as its
// record's name. Each byte is looked at once more; text with no such
// identifier costs nothing more.

// csvRecordNames returns the names the rows of text hold by their
// record (above), fs being what text's reading found, in order.
func (in *inspector) csvRecordNames(text []byte, fs []detect.Finding) []detect.Finding {
	if !holdsRecordID(fs) {
		return nil
	}
	end := bytes.IndexByte(text, '\n')
	if end < 0 {
		return nil
	}
	head := text[:end]
	sep := byte(',')
	if bytes.Count(head, []byte{'\t'}) > bytes.Count(head, []byte{','}) {
		sep = '\t'
	}
	var neutral []bool
	for cell := range bytes.SplitSeq(head, []byte{sep}) {
		key := csvCell(cell)
		hint, deny := keyWords(key)
		neutral = append(neutral, len(key) > 0 && neutralField(key, hint, deny))
	}
	if len(neutral) < 2 || !slices.Contains(neutral, true) {
		return nil // no cell of a row may be a name by its record
	}
	var names []detect.Finding
	k := 0 // the first finding that may stand in the row
	for at := end + 1; at < len(text); {
		rowEnd := bytes.IndexByte(text[at:], '\n')
		if rowEnd < 0 {
			rowEnd = len(text)
		} else {
			rowEnd += at
		}
		for k < len(fs) && fs[k].End <= at {
			k++
		}
		names = in.csvRow(text, at, rowEnd, sep, neutral, fs[k:], names)
		at = rowEnd + 1
	}
	return names
}

// csvRow appends to names the names of the row text[from:to] (csvRecordNames),
// fs being the findings from the row on.
func (in *inspector) csvRow(text []byte, from, to int, sep byte, neutral []bool, fs []detect.Finding, names []detect.Finding) []detect.Finding {
	row := text[from:to]
	if bytes.Count(row, []byte{sep})+1 != len(neutral) {
		return names // not a record of the header's cells
	}
	n := 0 // fs[:n]: the findings within the row
	for n < len(fs) && fs[n].Start < to {
		n++
	}
	own := fs[:n]
	if !holdsRecordID(own) {
		return names
	}
	kept, q := 0, 0 // q: the first of own that may stand in the cell or after it
	at := from
	for c := range neutral {
		end := bytes.IndexByte(text[at:to], sep)
		if end < 0 {
			end = to
		} else {
			end += at
		}
		for q < len(own) && own[q].End <= at {
			q++
		}
		if neutral[c] && kept < maxRecordNameVals && !(q < len(own) && own[q].Start < end) {
			cell := csvCell(text[at:end])
			if len(cell) >= 4 && len(cell) <= maxRecordNameRaw && nameShapedValue(cell) {
				kept++
				off := at + bytes.Index(text[at:end], cell)
				for _, f := range in.recordNames(cell) {
					f.Start, f.End = f.Start+off, f.End+off
					names = append(names, f)
				}
			}
		}
		at = end + 1
	}
	return names
}

// csvCell is a cell's text: blanks, a line's CR and the quotes around it
// taken off.
func csvCell(cell []byte) []byte {
	cell = bytes.TrimSpace(cell)
	if len(cell) >= 2 && cell[0] == '"' && cell[len(cell)-1] == '"' {
		cell = cell[1 : len(cell)-1]
	}
	return cell
}
