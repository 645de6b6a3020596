package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Markdown emphasis (*…*, **…**, ***…***) around a label or its value, as
// LLM output writes it (**姓名**：王小明, 姓名：**王小明**, **姓名：** 王小明,
// **地址：…室**), and a stray star between them (姓名*王小明, 地址：*河南省…):
// attack passes 45 (F6) and 46. A run of stars is emphasis when the same
// run closes it: one of up to maxEmphasisStars before a label closed after
// it (the label's emphasis) or after its value (the whole field's), or one
// before a value closed right after it. A partial mask always writes at
// least one star right after what it keeps (王**, 河南省郑州市金水区****),
// so a masked value is followed by its own stars and the closing run, a
// longer run than the one that opened: never read as emphasis again.
// Stars and the characters a reader draws as nothing may mix in a run
// (*\u200b*): the run counts the stars.

// maxEmphasisStars is the longest run of stars read as emphasis: bold
// italic (***王小明***).
const maxEmphasisStars = 3

// maxRunInvisible bounds the invisible characters read through in a run.
const maxRunInvisible = 4

// delimRunAt returns how many delimiters c start at text[p], counting up
// to one more than maxEmphasisStars and reading through invisible
// characters between them, and where the run ends.
func delimRunAt(text []byte, p int, c byte) (int, int) {
	n, end, skipped := 0, p, 0
	for q := p; q < len(text) && n <= maxEmphasisStars; {
		step()
		if text[q] == c {
			n++
			q++
			end = q
			continue
		}
		if text[q] < 0x80 || skipped == maxRunInvisible {
			break
		}
		r, size := decodeRune(text[q:])
		if !invisibleRune(r) {
			break
		}
		skipped++
		q += size
	}
	return n, end
}

// delimRunBefore returns how many delimiters c end at text[p], counting up
// to one more than maxEmphasisStars and reading through invisible
// characters between them, and where the run starts.
func delimRunBefore(text []byte, p int, c byte) (int, int) {
	n, start, skipped := 0, p, 0
	for q := p; q > 0 && n <= maxEmphasisStars; {
		step()
		if text[q-1] == c {
			n++
			q--
			start = q
			continue
		}
		if text[q-1] < 0x80 || skipped == maxRunInvisible {
			break
		}
		r, size := utf8.DecodeLastRune(text[:q])
		if !invisibleRune(r) {
			break
		}
		skipped++
		q -= size
	}
	return n, start
}

// starRunAt returns how many stars start at text[p] (up to
// maxEmphasisStars+1).
func starRunAt(text []byte, p int) int {
	n, _ := delimRunAt(text, p, '*')
	return n
}

// starRunBefore returns how many stars end at text[p] (up to
// maxEmphasisStars+1).
func starRunBefore(text []byte, p int) int {
	n, _ := delimRunBefore(text, p, '*')
	return n
}

// openingRunBefore returns how many delimiters c end at text[p] when they
// may open emphasis there: one to maxEmphasisStars, with nothing a mask
// keeps (a letter, a digit, a Han character) right before them (王**姓名 may
// be the mask of a name before a label; ] ends a label mask), and no colon
// or '=' before them, spaces aside (联系人：**姓名：** 张三 may be 联系人：王明姓名：李四 张三
// fully masked). Otherwise 0.
func openingRunBefore(text []byte, p int, c byte) int {
	n, start := delimRunBefore(text, p, c)
	if n == 0 || n > maxEmphasisStars {
		return 0
	}
	r, size := utf8.DecodeLastRune(text[:start])
	if size > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == ']') {
		return 0 // what a mask keeps, or a label mask's end ([CN_NAME]**姓名**)
	}
	for k := 0; k < 2 && size > 0 && (r == ' ' || r == '\u3000' || r == '\u00a0'); k++ {
		step()
		start -= size
		r, size = utf8.DecodeLastRune(text[:start])
	}
	if r == ':' || r == '：' || r == '=' {
		return 0
	}
	return n
}

// closesLabel reports whether the run of delimiters c at text[p] closes
// the emphasis opened right before the label that starts at labelStart
// (**姓名**：, **姓名：** 王小明, | **姓名** |, __姓名__：, `姓名`：), and
// where it ends. Stars that may not open emphasis (openingRunBefore: 王**,
// ：**) still close the label when they stand right after it, before its
// colon (王**姓名**：李四), as many as before it.
func closesLabel(text []byte, p, labelStart int, c byte, first bool) (int, bool) {
	n, end := delimRunAt(text, p, c)
	if n == 0 || n > maxEmphasisStars {
		return end, false
	}
	return end, openingRunBefore(text, labelStart, c) == n ||
		c == '*' && first && colonAt(text, end) && starRunBefore(text, labelStart) == n
}

// emphasisAround reports whether the value text[start:end] stands between
// as many stars on each side, one to maxEmphasisStars (**王小明**,
// *河南省…917号*): emphasis closed after it, not a mask's stars.
func emphasisAround(text []byte, start, end int) bool {
	n := starRunAt(text, end)
	return n > 0 && n <= maxEmphasisStars && starRunBefore(text, start) == n
}

// emphasisClosed reports whether the stars after the value text[start:end]
// close emphasis: opened right before the value (emphasisAround) or, for
// the value of the field being read, right before its label (**姓名：王二三明**,
// **地址：…室**: the whole field in bold).
func (s *scanner) emphasisClosed(start, end int) bool {
	if emphasisAround(s.text, start, end) {
		return true
	}
	n := starRunAt(s.text, end)
	return n > 0 && n <= maxEmphasisStars && start == s.fieldValue && openingRunBefore(s.text, s.fieldLabel, '*') == n
}

// closedAhead reports whether a run of exactly n delimiters c closes what
// starts at text[p] within maxEmphasisReach bytes of one line: the first
// c there are that run (***王小明***, ** 王小明 **, `若曦`, ~~若曦~~).
func closedAhead(text []byte, p, n int, c byte) bool {
	for q := p; q < len(text) && q < p+maxEmphasisReach; q++ {
		step()
		switch text[q] {
		case '\n':
			return false
		case c:
			m, _ := delimRunAt(text, q, c)
			return m == n
		}
	}
	return false
}

// emphasizedColonAt returns the end of a colon between as many delimiters
// c on each side at text[p], up to maxEmphasisStars, spaces of any width
// (glueSpaceAt, two at most) inside (**：**, ** : **, ~~:~~, `：`: what a
// renderer draws as a colon), or p. A mask writes its stars after what it
// keeps, never right before a colon with nothing kept: such a run is no
// mask's.
func emphasizedColonAt(text []byte, p int, c byte) int {
	n, q := delimRunAt(text, p, c)
	if n == 0 || n > maxEmphasisStars {
		return p
	}
	q = glueSpaceAt(text, glueSpaceAt(text, q))
	if !colonAt(text, q) {
		return p
	}
	if text[q] == ':' {
		q++
	} else {
		q += len("：")
	}
	q = glueSpaceAt(text, glueSpaceAt(text, q))
	if m, end := delimRunAt(text, q, c); m == n {
		return end
	}
	return p
}

// maxEmphasisReach bounds how far closedAhead looks for the closing run: a
// labelled name or address fits.
const maxEmphasisReach = 256

// nameMaskKept reports whether v is what a partial mask keeps of a name
// (maskName): one character, or a compound surname of two (欧阳**). Such a
// value between stars may be a mask after emphasis opened (**王** is
// **王二明 masked), so it is read as one.
func nameMaskKept(v []byte) bool {
	n := runeCount(v)
	return n == 1 || n == 2 && surnames.has(v)
}

// valueStartsAt reports whether a value may start at text[p], after the
// invisible characters there: a Han character, an ASCII letter or digit,
// not more glue (':', ']', a quote).
func (s *scanner) valueStartsAt(p int) bool {
	p = skipIgnored(s.text, p)
	if p >= len(s.text) {
		return false
	}
	if c := s.text[p]; c < 0x80 {
		return isASCIILetter(c) || isASCIIDigit(c)
	}
	r, _ := decodeRune(s.text[p:])
	return isHan(r)
}

// glueSpaceAt returns the end of the white space or invisible characters
// at text[p] that may stand between a label and its value: a space, a
// no-break, en, thin or ideographic space (Zs), a zero-width space, also
// spelled as a character reference (&nbsp;); or p.
func glueSpaceAt(text []byte, p int) int {
	if p >= len(text) {
		return p
	}
	r, size := decodeRune(text[p:])
	switch {
	case r == ' ' || r == '\t':
		return p + 1
	case r == '&':
		r, size = decodeCharRef(text[p:]) // &nbsp;, &#8203; in a page's text
		if size == 0 || r < 0x80 && r != ' ' {
			return p
		}
	case r < 0x80:
		return p
	}
	if spaceOrInvisibleRune(r) {
		return p + size
	}
	return p
}

// colonAt reports whether a colon (':' or '：') stands at text[p].
func colonAt(text []byte, p int) bool {
	return p < len(text) && (text[p] == ':' || len(text)-p >= 3 && string(text[p:p+3]) == "：")
}

// innerEmphasisAt reads a run of delimiters c (a star, a tilde, a
// backtick) at text[p] inside a labelled name that started at valueStart
// (联系人：**欧阳**娜娜, 联系人：欧阳**娜娜**, 欧阳~~娜娜~~, 姓名：`若`曦: a
// renderer draws 欧阳娜娜, part of it in bold): one to maxEmphasisStars
// delimiters with a Han character right after them that either close the
// run opened right before the value, or open emphasis that as many close
// right after the Han characters that follow (up to maxNameRunes), no more
// delimiters after those. It returns where the run ends and how many
// delimiters it holds, opens true when they open emphasis; or p, 0. A
// mask's stars are four or more, or stand after what it keeps with no run
// before the value (王**性别男): no such run.
func innerEmphasisAt(text []byte, p, valueStart int, c byte) (end, n int, opens bool) {
	n, end = delimRunAt(text, p, c)
	if n == 0 || n > maxEmphasisStars || end >= len(text) {
		return p, 0, false
	}
	if r, _ := decodeRune(text[end:]); !isHan(r) {
		return p, 0, false
	}
	if m, _ := delimRunBefore(text, valueStart, c); m == n {
		return end, n, false
	}
	q := end
	for k := 0; k < maxNameRunes && q < len(text); k++ {
		step()
		r, size := decodeRune(text[q:])
		if !isHan(r) {
			break
		}
		q += size
	}
	if m, _ := delimRunAt(text, q, c); m == n {
		return end, n, true
	}
	return p, 0, false
}

// unclosedEmphasisValue reports whether the value text[start:end] after
// a separator and a run of stars nothing closes (姓名：**小亭, 姓名：*小亭) is
// the label's value in emphasis a renderer leaves open rather than what a
// mask left of a longer value: a mask of a labelled value ends only where
// the value does, before a field word or another label (联系人：两个男 is
// 联系人：**男 masked in full), so a value of two characters or more that
// starts with no field word, holds no particle and has no star of its own
// is no mask's remainder.
func (s *scanner) unclosedEmphasisValue(glue []byte, start, end int) bool {
	return setsOffValue(glue) && runeCount(s.text[start:end]) >= 2 &&
		!startsWithFieldWord(s.text[start:]) && !isLabelAt(s.text, start) &&
		!s.holdsParticle(start, end) && bytes.IndexByte(s.text[start:end], '*') < 0
}
