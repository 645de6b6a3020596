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
// the first cell is a name though its header says nothing. Text whose first
// line (blank lines before it skipped) is a header of two cells or more
// (split by the separator csvSeparator picks) is read row by row when it
// holds a resident ID or a mobile: a row of two cells or more, one of which
// holds such an identifier (cells fewer or more than the header's too:
// csv.DictReader and pandas read them), has each cell under a header that
// names nothing (neutralField) with no finding of its own read as its
// record's name. Rows and cells are read as a CSV reader reads them
// (csvNextCell: a quoted cell may hold the delimiter, a doubled quote or a
// line break). Each byte is looked at twice more; text with no such
// identifier costs nothing more.

// csvRecordNames returns the names the rows of text hold by their
// record (above), fs being what text's reading found, in order.
func (in *inspector) csvRecordNames(text []byte, fs []detect.Finding) []detect.Finding {
	if !holdsRecordID(fs) {
		return nil // the gate: text with no ID or mobile is not read again
	}
	at := 0
	for at < len(text) && (text[at] == '\n' || text[at] == '\r') {
		at++ // blank lines before the header: a CSV reader skips them
	}
	countReadingSteps(at)
	sep := csvSeparator(text, at)
	var neutral []bool
	for last := false; !last; {
		var from, to int
		from, to, at, last = csvNextCell(text, at, sep)
		key := bytes.TrimSpace(text[from:to])
		hint, deny := keyWords(key)
		neutral = append(neutral, len(key) > 0 && neutralField(key, hint, deny))
	}
	if len(neutral) < 2 || !slices.Contains(neutral, true) {
		return nil // no cell of a row may be a name by its record
	}
	var names []detect.Finding
	k := 0 // the first finding that may stand in the row
	for at < len(text) {
		rowEnd, cells := at, 0
		for last := false; !last; cells++ {
			_, _, rowEnd, last = csvNextCell(text, rowEnd, sep)
		}
		for k < len(fs) && fs[k].End <= at {
			k++
		}
		if cells >= 2 {
			names = in.csvRow(text, at, rowEnd, sep, neutral, fs[k:], names)
		}
		at = rowEnd
	}
	return names
}

// csvRow appends to names the names of the record text[from:to]
// (csvRecordNames), fs being the findings from the record on: its cells
// under the header's, in order, as a CSV reader that fills a short row
// (csv.DictReader, pandas) reads them; cells past the header's are
// under no header, read as text only.
func (in *inspector) csvRow(text []byte, from, to int, sep byte, neutral []bool, fs []detect.Finding, names []detect.Finding) []detect.Finding {
	n := 0 // fs[:n]: the findings within the row
	for n < len(fs) && fs[n].Start < to {
		n++
	}
	own := fs[:n]
	if !holdsRecordID(own) {
		return names
	}
	q := 0 // the first of own that may stand in the cell or after it
	at := from
	for c, last := 0, false; c < len(neutral) && !last; c++ {
		cellAt := at
		vFrom, vTo, next, end := csvNextCell(text, at, sep)
		at, last = next, end
		for q < len(own) && own[q].End <= cellAt {
			q++
		}
		if !neutral[c] || q < len(own) && own[q].Start < next {
			continue
		}
		cell := bytes.TrimSpace(text[vFrom:vTo])
		if len(cell) >= 2 && cell[0] == '"' && cell[len(cell)-1] == '"' {
			cell = bytes.TrimSpace(cell[1 : len(cell)-1]) // quoted after a blank: a reader skipping initial space unquotes it
		}
		if len(cell) >= 4 && len(cell) <= maxRecordNameRaw && nameShapedValue(cell) {
			off := vFrom + bytes.Index(text[vFrom:vTo], cell)
			for _, f := range in.recordNames(cell) {
				f.Start, f.End = f.Start+off, f.End+off
				names = append(names, f)
			}
		}
	}
	return names
}

// csvSeparators are the separators a CSV reader's sniffer picks among,
// the first preferred on a tie.
const csvSeparators = ",\t;|"

// csvSeparator picks the separator of the CSV text whose header starts
// at text[at] as a sniffing reader does: the one of csvSeparators that
// splits the header, read with its quotes (csvNextCell), into the most
// cells. The header is read once for each.
func csvSeparator(text []byte, at int) byte {
	best, most := byte(','), 0
	for k := range len(csvSeparators) {
		sep, cells := csvSeparators[k], 0
		for i, last := at, false; !last; cells++ {
			_, _, i, last = csvNextCell(text, i, sep)
		}
		if cells > most {
			best, most = sep, cells
		}
	}
	return best
}
