package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names behind a label: a Chinese label set off from its value is trusted
// for the value, whatever its shape, within bounds.

// maxLabelledNameRunes bounds the value a name label is trusted for: real
// names, nicknames and transliterations (斯罗布莱特, 迈克尔·翁达杰) fit;
// a longer run is a sentence.
const maxLabelledNameRunes = 12

// trustedNameValue returns the end of the value after a name label that is
// set off from it (姓名：小亭, 收货人：Alex, 联系人：迈克尔·翁达杰), or 0,
// and whether the value ended at another label or field word (姓名小亭性别女).
// The label is the evidence, so the value needs no surname: it runs over
// Han characters, Latin letters, '_' and name dots, and stops at anything
// else (punctuation, spaces, digits), at another label or field word
// (姓名：小亭性别女), or fails past maxLabelledNameRunes (past maxNameRunes
// when another field follows: 联系人：请在下单时备注您的真实姓名). What fills a field
// without naming anyone (未知, 无) is not a name.
func (s *scanner) trustedNameValue(pos int) (int, bool) {
	n, han, letters, p := 0, 0, 0, pos
	atLabel := false
	dotAt := -1                   // where the last name dot ends
	inner, innerOpens := 0, false // the stars of emphasis inside the name, and whether they open it
	for p < len(s.text) {
		step()
		if n == 0 && s.labelIsValue(p) && starRunBefore(s.text, pos) == 0 {
			// the value is a word that is also a label (收件人：父亲); not
			// after stars, which may be a mask of a value glued to the
			// next field (联系人：*电话 is 联系人：县电话 masked)
		} else if n == 0 && fieldWordLen(s.text[p:]) > utf8.UTFMax {
			return 0, false // the next field's word, with no value before it (姓名 | 年龄 | 性别)
		} else if isLabelAt(s.text, p) || n >= 2 && startsWithFieldWord(s.text[p:]) {
			if n > maxNameRunes {
				return 0, false // a long run glued to the next field is a sentence that names it
			}
			atLabel = true
			break
		}
		if c := s.text[p]; n > 0 && inner == 0 && (c == '*' || c == '~' || c == '`') {
			if q, k, opens := innerEmphasisAt(s.text, p, pos, c); k > 0 {
				p, inner, innerOpens = q, k, opens // emphasis inside the name (欧阳**娜娜**)
				continue
			}
		}
		if q := skipIgnoredInName(s.text, p); q > p && n > 0 {
			p = q // 张\u200b三: an invisible character between a name's characters
			continue
		}
		r, size := decodeRune(s.text[p:])
		switch {
		case isHan(r):
			han++
		case r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r == '_'):
			letters++
		case isNameDot(r) && n > 0 && dotAt != p:
			dotAt = p + size
		default:
			if n == 1 && han == 1 {
				p = s.paddedGivenName(p) // 孟  伟: a two-character name padded to a form's width
			}
			goto done
		}
		if n == maxLabelledNameRunes {
			return 0, false // a longer run is a sentence, not a name
		}
		n++
		p += size
	}
done:
	if p == dotAt {
		_, size := lastRune(s.text, p)
		p -= size // a dot ends no name
	}
	if q := s.trimGluedNumber(pos, p); q < p {
		p, han = q, utf8.RuneCount(s.text[pos:q]) // only Han characters are left at its end
	}
	if han == 0 && letters < 2 || p == pos || isNonValue(s.text[pos:p]) ||
		atLabel && n == 1 || // 姓名：用户名称: a word the next label (户名) cuts, no one-character name
		maskAt(s.text, p) && !(s.emphasisClosed(pos, p) && !nameMaskKept(s.text[pos:p])) &&
			!(innerOpens && starRunAt(s.text, p) == inner) {
		return 0, false
	}
	return p, atLabel
}

// isNonValue reports whether v fills a field without naming anyone
// (nonvalues.txt), ASCII letters compared in lower case (姓名：String).
func isNonValue(v []byte) bool {
	if nonValues.has(v) {
		return true
	}
	var low [16]byte
	if len(v) > len(low) {
		return false
	}
	for i, b := range v {
		step()
		if b >= utf8.RuneSelf {
			return false
		}
		low[i] = lowerASCII(b)
	}
	return nonValues.has(low[:len(v)])
}

// holdsParticle reports whether text[start:end] holds a particle, pronoun
// or function word (notnamechars.txt): the mark of a phrase, not a name.
func (s *scanner) holdsParticle(start, end int) bool {
	return holdsParticleIn(s.text[start:end])
}

// holdsParticleIn is holdsParticle for the words t.
func holdsParticleIn(t []byte) bool {
	for p := 0; p < len(t); {
		step()
		_, n := decodeRune(t[p:])
		if notNameChars.has(t[p : p+n]) {
			return true
		}
		p += n
	}
	return false
}

// labelIsValue reports whether a label word at text[p] is a whole value
// rather than the next field's label: it ends the text, a line or a
// clause (收件人：父亲，…), and a colon sets it off from the label before
// it. After a tab, a pipe or spaces alone it is a header's next label
// (联系人\t手机, 联系人 | 手机, 联系人  手机, 联系人　手机: a header aligned
// with spaces), a header's cells being labels, never values.
func (s *scanner) labelIsValue(p int) bool {
	q, tab := p, false
	for n := 0; q > 0 && n < maxGlueSteps; n++ {
		step()
		r, size := lastRune(s.text, q)
		if r != ' ' && r != '\t' && !unicode.Is(unicode.Zs, r) {
			break
		}
		tab = tab || r == '\t'
		q -= size
	}
	if before, _ := lastRune(s.text, q); tab || before == '|' || q < p && q > 0 && before != ':' && before != '：' {
		return false
	}
	lw, ok := labels.matchAt(s.text, p)
	if !ok {
		return false
	}
	end := p + len(lw.word)
	if end == len(s.text) {
		return true
	}
	r, _ := decodeRune(s.text[end:])
	return strings.ContainsRune("，。；;,、\n\r！？!?", r)
}

// paddedGivenName returns the end of the given name that a form pads away
// from a one-character surname ending at pos (孟  伟, 李　娜): one or two
// spaces, then one or two Han characters that end the value. Otherwise it
// returns pos.
func (s *scanner) paddedGivenName(pos int) int {
	p := skipSpacesAt(s.text, pos)
	if p == pos || p >= len(s.text) || isLabelAt(s.text, p) || startsWithFieldWord(s.text[p:]) {
		return pos
	}
	end := p
	for n := 0; n <= 2 && end < len(s.text); n++ {
		step()
		r, size := decodeRune(s.text[end:])
		if !isHan(r) {
			if r < utf8.RuneSelf && isASCIILetter(byte(r)) {
				return pos
			}
			break
		}
		if n == 2 {
			return pos // a longer run is the next field or a phrase
		}
		end += size
	}
	if end == p {
		return pos
	}
	if _, size := decodeRune(s.text[p:]); end == p+size {
		// 王 小 明: every character of the name set apart
		if q := s.paddedGivenName(end); q > end {
			next := skipSpacesAt(s.text, end)
			if _, size := decodeRune(s.text[next:]); q == next+size {
				return q // one more character after the spaces, and no more
			}
		}
	}
	return end
}

// skipSpacesAt returns where the spaces (ASCII or ideographic, two at
// most) from text[p] end.
func skipSpacesAt(text []byte, p int) int {
	for n := 0; n < 2 && p < len(text) && isAddressSpace(text, p); n++ {
		step()
		_, size := decodeRune(text[p:])
		p += size
	}
	return p
}

// skipIgnoredInName returns where the invisible characters (zero-width
// and the like) from text[p] end, when a Han character follows them;
// otherwise p.
func skipIgnoredInName(text []byte, p int) int {
	if b := text[p]; b >= 0xE4 && b <= 0xE9 || b < utf8.RuneSelf && asciiClass[b].kind != uIgnore {
		return p // a Han character (E4..E9 lead bytes) or ASCII: the common case, at one look
	}
	q := p
	for n := 0; n < maxGapIgnored && q < len(text); n++ {
		step()
		u := decodeUnit(text, q)
		if u.kind != uIgnore {
			break
		}
		q += u.size
	}
	if q == p || q >= len(text) {
		return p
	}
	if r, _ := decodeRune(text[q:]); !isHan(r) {
		return p
	}
	return q
}
