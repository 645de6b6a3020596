package detect

import "bytes"

// A table's header cell names its column with a label word, as exports
// write it: whole (联系人, 手机), numbered (联系人1, 联系人2: two contacts a
// row), with a note after it (联系人：, 姓名（必填）, 手机(选填)), or, for a
// person's column, qualified by a few Han characters before it (客户姓名,
// 紧急联系人, 持卡人姓名).

// maxHeaderQualifierRunes bounds the Han characters read before a
// person's label in a header cell (紧急, 第一, 客户).
const maxHeaderQualifierRunes = 4

// headerLabel reads the table cell text[a:b] (its padding trimmed,
// tableCell) as a header's label: it returns the label the cell names
// its column with, and whether it is one (above). A qualifier is read
// before a name label that is a person's noun only (personLabel): 用户名
// and 商户名 end in 户名 but name an account and a shop; a qualifier
// holding a particle or a pronoun is a phrase's (我是联系人).
func (s *scanner) headerLabel(a, b int) (labelWord, bool) {
	w := s.trimLabelNote(a, b)
	for w > a+1 && isASCIIDigit(s.text[w-1]) {
		step()
		w-- // 联系人1, 联系人2: two contacts a row
	}
	if a == w {
		return labelWord{}, false
	}
	if lw, ok := labels.matchAt(s.text[:w], a); ok && a+len(lw.word) == w {
		return lw, true
	}
	if !personLabel(s.text[a:w]) {
		return labelWord{}, false // no person's label ends the cell: no qualifier to read
	}
	for x, n := a, 0; n < maxHeaderQualifierRunes; n++ {
		step()
		r, size := decodeRune(s.text[x:w])
		if !isHan(r) || x+size >= w {
			break
		}
		x += size
		if lw, ok := labels.matchAt(s.text[:w], x); ok && x+len(lw.word) == w && lw.cats.has(nameIndex) && personLabel(lw.word) && !s.holdsParticle(a, x) {
			return lw, true
		}
	}
	return labelWord{}, false
}

// personLabel reports whether the label word names a person by a noun a
// qualifier may come before: 姓名 or a role ending in 人 (联系人, 收货人).
func personLabel(word []byte) bool {
	return bytes.HasSuffix(word, []byte("姓名")) || bytes.HasSuffix(word, []byte("人"))
}

// trimLabelNote returns the end of the cell text[a:b] without the note
// after its label: a colon (联系人：, name:) and a parenthesized remark
// (姓名（必填）, 手机(选填)), with the padding before them. The cell is
// not empty (a < b).
func (s *scanner) trimLabelNote(a, b int) int {
	switch s.text[b-1] {
	case ':', ')', 0x9A, 0x89: // ':', ')', and the last bytes of '：' and '）'
	default:
		return b // no note: the common case, at one look
	}
	b = trimColon(s.text, a, b)
	if b > a && (s.text[b-1] == ')' || bytes.HasSuffix(s.text[a:b], []byte("）"))) {
		open := bytes.LastIndexByte(s.text[a:b], '(')
		if o := bytes.LastIndex(s.text[a:b], []byte("（")); o > open {
			open = o
		}
		if open > 0 {
			b = a + open
		}
	}
	for b > a && isHeaderPad(s.text[b-1]) {
		step()
		b--
	}
	return trimColon(s.text, a, b)
}

// trimColon returns the end of text[a:b] without a colon (':' or '：')
// that ends it.
func trimColon(text []byte, a, b int) int {
	if r, size := lastRune(text, b); b-size >= a && (r == ':' || r == '：') {
		return b - size
	}
	return b
}
