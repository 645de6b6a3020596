package bodyformat

import "bytes"

// Objects pdf.js's content parser reads as one operand whose bytes are
// no strings to show: a dictionary << … >> and an inline image's data
// (BI … ID data EI).

// pdfSkipDict returns where the dictionary opening at b[i] ("<<") ends:
// after the ">>" that closes it, nested ones, literal and hex strings and
// comments gone by whole; the end of b when it does not close.
func pdfSkipDict(b []byte, i int) int {
	depth := 0
	j := i
	for j < len(b) {
		countReadingSteps(1)
		switch c := b[j]; {
		case c == '%':
			for j < len(b) && b[j] != '\n' && b[j] != '\r' {
				j++
			}
		case c == '(':
			j = pdfSkipLiteral(b, j)
		case c == '<' && j+1 < len(b) && b[j+1] == '<':
			depth++
			j += 2
		case c == '<':
			for j < len(b) && b[j] != '>' {
				j++
			}
			j++
		case c == '>' && j+1 < len(b) && b[j+1] == '>':
			j += 2
			if depth--; depth == 0 {
				return j
			}
		default:
			j++
		}
	}
	return len(b)
}

// pdfSkipInlineImage returns, for an inline image whose BI ends at
// b[i], where its EI begins: past its dictionary up to the word ID and
// the one white space byte after it, then past its data up to the first
// "EI" followed by white space (pdf.js's findDefaultInlineStreamEnd); the
// end of b when there is none.
func pdfSkipInlineImage(b []byte, i int) int {
	j := i
	for ; j < len(b); j++ { // the dictionary, up to the word ID
		countReadingSteps(1)
		if b[j] == '(' {
			j = pdfSkipLiteral(b, j) - 1
			continue
		}
		if b[j] == 'I' && j+1 < len(b) && b[j+1] == 'D' && !isPDFRegular(b[j-1]) &&
			(j+2 == len(b) || !isPDFRegular(b[j+2])) {
			j += 3 // ID and the white space byte after it
			break
		}
	}
	for ; j+1 < len(b); j++ { // the data, up to "EI" and white space
		countReadingSteps(1)
		if b[j] == 'E' && b[j+1] == 'I' && (j+2 == len(b) || pdfSpace(b[j+2])) {
			return j
		}
	}
	return len(b)
}

// pdfStreamAt reads the object whose body starts at b[o:] and ends before
// end as a stream: its dictionary (after at most 64 blanks) and where its
// "stream" keyword stands (after at most 64 more); ok is false when the
// object is no stream.
func pdfStreamAt(b []byte, o, end int) (dict []byte, kw int, ok bool) {
	d := o
	for d < end && d-o < 64 && pdfSpace(b[d]) {
		d++
	}
	countReadingSteps(d - o + 1)
	if d+1 >= end || b[d] != '<' || b[d+1] != '<' {
		return nil, 0, false
	}
	e := pdfSkipDict(b[:end], d)
	k := e
	for k < end && k-e < 64 && pdfSpace(b[k]) {
		k++
	}
	countReadingSteps(k - e + 1)
	if !bytes.HasPrefix(b[k:end], []byte("stream")) {
		return nil, 0, false
	}
	return b[d:e], k, true
}
