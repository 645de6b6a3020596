package bodyformat

import (
	"unicode/utf16"
	"unicode/utf8"
)

// decodeWideMapped decodes b, text in cs (UTF-16 or UTF-32, of either
// order), one code unit at a time, with for each decoded byte the offset
// in b its code unit starts at and one more entry, len(b): an RFC 8187
// ext-value filename*=utf-16le”%11%FF… is text to Python's
// collapse_rfc2231_value, which decodes any codec it knows. Of an open
// label (utf-16, utf-32) a byte-order mark at the start gives the order,
// and is dropped; without one the order is little-endian, as Python
// reads it on the machines it runs on. A surrogate pair is one character;
// a surrogate alone, a unit beyond Unicode and a cut-off unit at the end
// decode to U+FFFD.
func decodeWideMapped(b []byte, cs *charset) ([]byte, []int32) {
	var m mapped
	m.grow(len(b) + len(b)/2)
	i := 0
	if cs.open {
		le, be := csUTF16LE, csUTF16BE
		if cs.unit == 4 {
			le, be = csUTF32LE, csUTF32BE
		}
		cs = le
		switch {
		case len(b) >= len(be.bom) && string(b[:len(be.bom)]) == be.bom:
			cs, i = be, len(be.bom)
		case len(b) >= len(le.bom) && string(b[:len(le.bom)]) == le.bom:
			i = len(le.bom)
		}
	}
	for i < len(b) {
		countReadingSteps(1)
		start, r := i, utf8.RuneError
		if i+cs.unit <= len(b) {
			r = codeUnit(b[i:], cs)
			i += cs.unit
			if cs.unit == 2 && utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if r < 0xdc00 && i+2 <= len(b) {
					r2 = utf16.DecodeRune(r, codeUnit(b[i:], cs))
				}
				if r2 != utf8.RuneError {
					i += 2
				}
				r = r2
			}
			if r < 0 || r > utf8.MaxRune {
				r = utf8.RuneError
			}
		} else {
			i = len(b)
		}
		n := len(m.dst)
		m.dst = utf8.AppendRune(m.dst, r)
		for range len(m.dst) - n {
			m.offs = append(m.offs, int32(start))
		}
	}
	return m.dst, append(m.offs, int32(len(b)))
}
