package bodyformat

// pdfTopKey returns where the value of key (a name, "/Resources") stands
// in d, after the last copy of key written as a key of d's first
// top-level dictionary (the object's: what follows it, an "endobj", the
// next object's number, a trailer, is not read), or -1. A key written
// inside a nested dictionary, an array, a string or a comment is no key
// of d's, and of a key written twice the last is taken, as pdf.js reads
// a dictionary (Parser.makeDict); a name spelt with #xx escapes is the
// same name (/XOb#6aect is /XObject). It looks at each byte of d a
// bounded number of times (pdfFilters' scan).
func pdfTopKey(d []byte, key string) int {
	s := pdfDictScan{want: key[1:], at: -1}
	s.scan(d)
	return s.at
}
