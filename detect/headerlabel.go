package detect

import (
	"bytes"
	"unicode/utf8"
)

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
// its column with, and whether it is one (headerLabelIn). A cell of at
// most maxHeaderCell bytes that holds spaces or invisible characters
// (联　系　人, 姓  名: a short label aligned with longer ones; 联\u200b系人,
// a BOM before it, a word joiner after it) is read with them dropped
// (squeezeCell), as a reader sees it.
func (s *scanner) headerLabel(a, b int) (labelWord, bool) {
	if lw, ok := headerLabelIn(s.text, a, b); ok {
		return lw, true
	}
	if !hanAfterGaps(s.text[a:b]) {
		return labelWord{}, false // the labels read squeezed are Chinese
	}
	var buf [maxHeaderCell]byte
	if n, dropped := squeezeCell(buf[:], s.text[a:b]); dropped && n > 0 {
		return headerLabelIn(buf[:n], 0, n)
	}
	return labelWord{}, false
}

// headerLabelIn reads text[a:b] as a header's label (headerLabel). A
// qualifier is read before a name label that is a person's noun only
// (personLabel): 用户名 and 商户名 end in 户名 but name an account and a
// shop; a qualifier holding a particle or a pronoun is a phrase's
// (我是联系人).
func headerLabelIn(text []byte, a, b int) (labelWord, bool) {
	w := trimLabelNote(text, a, b)
	for w > a+1 && isASCIIDigit(text[w-1]) {
		step()
		w-- // 联系人1, 联系人2: two contacts a row
	}
	if a == w {
		return labelWord{}, false
	}
	if lw, ok := labels.matchAt(text[:w], a); ok && a+len(lw.word) == w {
		return lw, true
	}
	if !personLabel(text[a:w]) {
		return labelWord{}, false // no person's label ends the cell: no qualifier to read
	}
	for x, n := a, 0; n < maxHeaderQualifierRunes; n++ {
		step()
		r, size := decodeRune(text[x:w])
		if !isHan(r) || x+size >= w {
			break
		}
		x += size
		if lw, ok := labels.matchAt(text[:w], x); ok && x+len(lw.word) == w && lw.cats.has(nameIndex) && personLabel(lw.word) && !holdsParticleIn(text[a:x]) {
			return lw, true
		}
	}
	return labelWord{}, false
}

// maxHeaderCell bounds the cell headerLabel reads again without its
// spaces and invisible characters: a label with a qualifier and a note
// (紧急联系人（必填）) and the characters dropped from it.
const maxHeaderCell = 64

// squeezeCell copies the cell t into buf without its spaces (ASCII, tab,
// and Unicode's space separators: U+3000, U+00A0) and invisible
// characters (invisibleRune: a BOM, U+200B, U+00AD, U+2060), and reports
// the bytes copied and whether any were dropped; a cell longer than buf
// is not copied (dropped false).
func squeezeCell(buf, t []byte) (n int, dropped bool) {
	if len(t) > len(buf) {
		return 0, false
	}
	for p := 0; p < len(t); {
		// what stands as it is goes in one copy, a cell with no gap
		// (the first of a CSV row: 董宇) in one for all
		q := p + plainCellPrefix(t[p:])
		n += copy(buf[n:], t[p:q])
		if p = q; p == len(t) {
			break
		}
		step()
		r, size := decodeRune(t[p:])
		if cellGapRune(r) {
			dropped = true
		} else {
			n += copy(buf[n:], t[p:p+size])
		}
		p += size
	}
	return n, dropped
}

// plainCellPrefix returns how many bytes at the start of t squeezeCell
// keeps without decoding them: ASCII bytes that are no space, and
// characters of U+4000 to U+9FFF (Han, hexagrams: none a space or
// invisible), read from their three bytes.
func plainCellPrefix(t []byte) int {
	p := 0
	for p < len(t) {
		step()
		switch c := t[p]; {
		case c < utf8.RuneSelf && c != ' ' && c != '\t':
			p++
		case c >= 0xE4 && c <= 0xE9 && p+3 <= len(t) && t[p+1]&0xC0 == 0x80 && t[p+2]&0xC0 == 0x80:
			p += 3
		default:
			return p
		}
	}
	return p
}

// hanAfterGaps reports whether the first character of t that is no
// space or invisible character (squeezeCell's) is a Han character: a
// Chinese label, or a qualifier before one, may start there.
func hanAfterGaps(t []byte) bool {
	for p := 0; p < len(t); {
		step()
		r, size := decodeRune(t[p:])
		if cellGapRune(r) {
			p += size
			continue
		}
		return isHan(r)
	}
	return false
}

// cellGapRune reports whether r is what squeezeCell drops from a header
// cell: a space (ASCII, tab, a Unicode space separator) or an invisible
// character.
func cellGapRune(r rune) bool {
	return r == ' ' || r == '\t' || r >= utf8.RuneSelf && spaceOrInvisibleRune(r)
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
func trimLabelNote(text []byte, a, b int) int {
	switch text[b-1] {
	case ':', ')', 0x9A, 0x89: // ':', ')', and the last bytes of '：' and '）'
	default:
		return b // no note: the common case, at one look
	}
	b = trimColon(text, a, b)
	if b > a && (text[b-1] == ')' || bytes.HasSuffix(text[a:b], []byte("）"))) {
		open := bytes.LastIndexByte(text[a:b], '(')
		if o := bytes.LastIndex(text[a:b], []byte("（")); o > open {
			open = o
		}
		if open > 0 {
			b = a + open
		}
	}
	for b > a && isHeaderPad(text[b-1]) {
		step()
		b--
	}
	return trimColon(text, a, b)
}

// trimColon returns the end of text[a:b] without a colon (':' or '：')
// that ends it.
func trimColon(text []byte, a, b int) int {
	if r, size := lastRune(text, b); b-size >= a && (r == ':' || r == '：') {
		return b - size
	}
	return b
}

// headerCellWord reports whether the value text[start:end] that a name
// label's glue sets off is a cell of a header line rather than the
// label's value: the glue holds only blanks and cell separators (a tab,
// a pipe, or spaces of a header aligned with them), a cell separator or
// the line's end follows the value, and the value is a word no name is
// (notnames.txt lists an export's column names: 联系人\t状态\t手机, |
// 联系人 | 备注 |). A value that may be a name (姓名\t张三\t电话) is still
// the label's.
func (s *scanner) headerCellWord(glue []byte, start, end int) bool {
	spaces, sep := 0, false
	for _, c := range glue {
		step()
		switch c {
		case ' ':
			spaces++
		case '\t', '|':
			sep = true
		default:
			return false
		}
	}
	if !sep && spaces < 2 {
		return false
	}
	p, spaces := end, 0
	for p < len(s.text) && s.text[p] == ' ' && spaces < maxGlueSteps {
		step()
		p++
		spaces++
	}
	if p < len(s.text) && spaces < 2 {
		switch s.text[p] {
		case '\t', '|', '\r', '\n':
		default:
			return false
		}
	}
	return inAny(s.text[start:end], &notNames)
}
