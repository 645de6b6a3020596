package detect

import "unicode/utf8"

// A short Chinese label is aligned with longer ones by spaces inside it
// (姓　名：, 姓  名：, 联 系 人：), and an invisible character inside it
// (联\u200b系人：) is drawn as nothing: a reader sees the label. Such a
// label, its characters set apart by up to maxSpacedGap spaces or
// invisible characters each and a colon after it, leads to its value as
// the label written whole does (spacedLabel). Without a colon it is read
// so only in a table's header cell (headerLabel).

// maxSpacedGap bounds the spaces and invisible characters read between
// two characters of a spaced label.
const maxSpacedGap = 3

// maxSpacedLabel bounds the bytes of a spaced label's characters.
const maxSpacedLabel = 32

// spacedLabel reads a spaced label (above) starting at text[i], a
// label's first character that starts no label glued to the next, and
// returns where scanning continues (i when there is none).
func (s *scanner) spacedLabel(i int) int {
	var buf [maxSpacedLabel]byte
	n, p, gaps := 0, i, false
	node := labels.trie.root // the characters read so far begin a label
	for p < len(s.text) {
		step()
		r, size := decodeRune(s.text[p:])
		if !isHan(r) || n+size > len(buf) {
			break
		}
		e := node
		for _, b := range s.text[p : p+size] {
			if e = labels.trie.next(e, b); e == 0 {
				break
			}
		}
		if e == 0 {
			break // no label goes on with this character: the label, if any, ends before it
		}
		node = e
		n += copy(buf[n:], s.text[p:p+size])
		p += size
		q := skipSpacedGap(s.text, p)
		if q == p {
			continue // the next character glued on
		}
		if r2, _ := decodeRune(s.text[q:]); q == len(s.text) || !isHan(r2) {
			break
		}
		p, gaps = q, true
	}
	if !gaps {
		return i
	}
	lw, ok := labels.matchAt(buf[:n], 0)
	if !ok || len(lw.word) != n {
		return i
	}
	if c, _ := decodeRune(s.text[skipSpacedGap(s.text, p):]); c != ':' && c != '：' {
		return i
	}
	return s.labelled(lw.cats, p, i, true)
}

// skipSpacedGap returns where up to maxSpacedGap spaces (ASCII, Unicode
// space separators) and invisible characters from text[p] end.
func skipSpacedGap(text []byte, p int) int {
	for k := 0; k < maxSpacedGap && p < len(text); k++ {
		step()
		if c := text[p]; c != ' ' && (c < utf8.RuneSelf || c >= 0xE4 && c <= 0xE9) {
			break // ASCII but a space, or U+4000 to U+9FFF (Han): no gap
		}
		r, size := decodeRune(text[p:])
		if r != ' ' && (r < 0x80 || !spaceOrInvisibleRune(r)) {
			break
		}
		p += size
	}
	return p
}

// mayStartGap reports whether a space or an invisible character of a
// spaced label's gap may start with the byte b: ' ', or the lead byte of
// U+00A0 and U+00AD, of the combining marks, of U+180E, of U+2000 to
// U+206F, of U+3000, of U+FE00 to U+FEFF (variation selectors, the BOM).
func mayStartGap(b byte) bool {
	switch b {
	case ' ', 0xC2, 0xCC, 0xCD, 0xE1, 0xE2, 0xE3, 0xEF:
		return true
	}
	return false
}
