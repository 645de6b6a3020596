package detect

// A value read across a table's or a record's cell separators (a mobile
// behind its label written 1391<tab>2345678, a spaced card in a TSV row)
// is masked keeping them: one mask written over the whole span would make
// two cells one, and a CSV, TSV or Markdown reader after the filter would
// shift every later column of the row.

// CellSep reports whether c separates a table's cells or a record's
// fields: a tab, '|', ',' or ';'.
func CellSep(c byte) bool { return c == '\t' || c == '|' || c == ',' || c == ';' }

// cellSepByte marks the bytes CellSep reports, for one look a byte.
var cellSepByte = [256]bool{'\t': true, '|': true, ',': true, ';': true}

// holdsCellSep reports whether raw holds a byte CellSep reports.
func holdsCellSep(raw []byte) bool {
	for _, c := range raw {
		if cellSepByte[c] {
			return true
		}
	}
	return false
}

// maxSpreadMask bounds the mask keepCells spreads (a card's, a resident
// ID's, an IBAN's partial mask are shorter).
const maxSpreadMask = 64

// keepCells rewrites dst[at:], the mask of raw, so that the cell
// separators raw holds stay in the output: when the mask holds only
// digits, stars and ASCII punctuation or blanks, one digit or star for
// each ASCII digit of raw, and raw holds nothing else but ASCII
// punctuation or blanks, each digit of raw takes the mask's next digit or
// star and every other byte of raw is kept (1391|2345678 ->
// 139*|***5678); otherwise (a label, a hash, a value spelled in other
// characters) the mask is written whole and followed by raw's cell
// separators, so the row keeps its cells. A raw with no cell separator
// keeps its mask as written.
func keepCells(dst []byte, at int, raw []byte) []byte {
	if !holdsCellSep(raw) {
		return dst // most spans: no separator byte at all
	}
	digits, seps, plain := 0, 0, true
	for i, c := range raw {
		switch {
		case isASCIIDigit(c):
			digits++
		case cellSepAt(raw, i):
			seps++
		case c >= 0x80 || isWordByte(c):
			plain = false
		}
	}
	if seps == 0 {
		return dst
	}
	step() // raw read once: the hit's own bytes
	var m [maxSpreadMask]byte
	mask := m[:copy(m[:], dst[at:])]
	if len(dst)-at > len(m) {
		plain = false
	}
	for _, c := range mask {
		switch {
		case isASCIIDigit(c) || c == '*':
			digits--
		case c >= 0x80 || isWordByte(c):
			plain = false
		}
	}
	if !plain || digits != 0 {
		for i, c := range raw {
			if cellSepAt(raw, i) {
				dst = append(dst, c)
			}
		}
		return dst
	}
	dst, k := dst[:at], 0
	for _, c := range raw {
		if !isASCIIDigit(c) {
			dst = append(dst, c)
			continue
		}
		for !isASCIIDigit(mask[k]) && mask[k] != '*' {
			k++
		}
		dst, k = append(dst, mask[k]), k+1
	}
	return dst
}

// cellSepAt reports whether raw[i] is a cell separator (CellSep) and not
// the ';' that ends a character reference (&#49;, &nbsp;: a digit or a
// space spelled in HTML).
func cellSepAt(raw []byte, i int) bool {
	if !CellSep(raw[i]) {
		return false
	}
	if raw[i] != ';' {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-maxCharRefName; j-- {
		switch c := raw[j]; {
		case c == '&':
			return j == i-1
		case !isASCIIAlnum(c) && c != '#':
			return true
		}
	}
	return true
}

// maxCharRefName bounds the characters cellSepAt reads back for the '&'
// of a reference (&#x1F600;, &ThinSpace;).
const maxCharRefName = 12

// KeepCells returns masked, the mask of a value whose span in a text as
// written is raw (a reading's finding mapped back to the text), with
// raw's cell separators kept as the engine's own masks keep them.
func KeepCells(raw []byte, masked string) string {
	for i := range raw {
		if cellSepAt(raw, i) {
			return string(keepCells(append(make([]byte, 0, len(raw)+len(masked)), masked...), 0, raw))
		}
	}
	return masked
}
