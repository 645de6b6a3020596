package detect

// A name behind its label that another system masked in part (姓名：***小亭,
// 收件人：****晓明, 姓名：*小亭, 姓名：**亭): the stars hide the surname, the
// rest of the name is read raw. Three stars or more nothing closes are no
// glue (a mask's, skipLabelGlue), so the value after them was read by
// nothing; fewer are glue, and the value after them was masked as a name
// that keeps its first character.

// Bounds of a partly masked name behind its label: the stars of the mask
// (minMaskedNameStars up to maxMaskedNameStars) and the visible Han
// characters after them (minVisibleRest to maxVisibleRest: what a given
// name shows, 姓名：***亭, *小亭, ***晓明明: fix55groups).
const (
	minMaskedNameStars = 1
	maxMaskedNameStars = 8
	minVisibleRest     = 1
	maxVisibleRest     = 3
)

// maskedNameEnd returns the end of a partly masked name whose stars start
// at text[start], behind a name label that the glue sets off (a colon, a
// table's bar, a tab), or 0: a run of minMaskedNameStars to
// maxMaskedNameStars stars, then the visible rest (visibleRestEnd:
// 姓名：***小亭, 姓名：**亭, 姓名：*小亭; 姓名：***先生, ***老师 stay). The
// span holds the stars: the name's mask stars them and every visible
// character, under every mask style.
//
// This engine's own full mask of a name writes a star for each of its
// characters, and what the value's end left after it may be such a rest
// (姓名：张伟*小亭 would be 姓名：***小亭): fullMaskRestEnd masks that rest
// with the name, so a second redaction finds only stars.
func (s *scanner) maskedNameEnd(glue []byte, start int) int {
	if !setsOffValue(glue) {
		return 0
	}
	from := start
	for from < len(s.text) && from-start <= maxMaskedNameStars && s.text[from] == '*' {
		from++
	}
	if stars := from - start; stars < minMaskedNameStars || stars > maxMaskedNameStars {
		return 0
	}
	step() // the stars, looked at once
	return s.visibleRestEnd(from)
}

// visibleRestEnd returns the end of the visible rest of a partly masked
// name that starts at text[from], right after its stars, or 0: one to
// three Han characters that end the value (the text's end, a space,
// punctuation: no letter, digit, star or name dot goes on), with no field
// word (性别, 男) or label at their start, no particle, no title or word
// that fills a field without naming anyone (先生, 老师, 代收; of three, in
// their first or last two: 已签收).
func (s *scanner) visibleRestEnd(from int) int {
	p, n := from, 0
	for p < len(s.text) && n <= maxVisibleRest {
		step()
		r, size := decodeRune(s.text[p:])
		if !isHan(r) {
			break
		}
		p, n = p+size, n+1
	}
	if n < minVisibleRest || n > maxVisibleRest || p < len(s.text) && continuesName(s.text, p) ||
		startsWithFieldWord(s.text[from:]) || isLabelAt(s.text, from) || s.holdsParticle(from, p) ||
		notNames.has(s.text[from:p]) || isNonValue(s.text[from:p]) || n == 3 && nonValuePair(s.text[from:p]) {
		return 0
	}
	return p
}

// nonValuePair reports whether three Han characters start or end with two
// that no name shows (***已签收, ***代收人, ***夫妇俩: a state, a note, a
// group after the stars, nonvalues.txt).
func nonValuePair(rest []byte) bool {
	const han = 3 // bytes of a Han character of the basic planes
	if len(rest) != 3*han {
		return false // (isHan reads only such characters)
	}
	first, last := rest[:2*han], rest[han:]
	return isNonValue(first) || isNonValue(last) || notNames.has(first) || notNames.has(last)
}

// fullMaskRestEnd returns where a name text[start:end] behind a label the
// glue sets off is masked to under the full mask: end, or the end of the
// visible rest after it that maskedNameEnd would read once the name is
// stars (姓名：张伟*小亭 and 姓名：张伟小亭明 read as 张伟 are masked whole,
// not to 姓名：***小亭), so the full mask's output is stable.
func (s *scanner) fullMaskRestEnd(glue []byte, start, end int) int {
	if s.e.mask != MaskFull || !setsOffValue(glue) {
		return end
	}
	stars, p := runeCount(s.text[start:end]), end
	for p < len(s.text) && stars <= maxMaskedNameStars && s.text[p] == '*' {
		stars, p = stars+1, p+1
	}
	if stars > maxMaskedNameStars {
		return end
	}
	if e := s.visibleRestEnd(p); e > 0 {
		return e
	}
	return end
}

// maskedNameInGlue returns the span text[ms:end] of a partly masked name
// whose stars the label's glue, text[pos:start], ends with (or end 0):
// skipLabelGlue reads up to two stars before a value, or three when a
// run of as many follows on the line (a masked field after the name holds
// one: 姓名：***建国，电话：***), as emphasis, so the value was read as the
// name 建国 or 小亭 (姓名：*小亭), its first character left raw by the
// name's mask (attack54c F2, fix55groups). When the stars and the
// characters after them make a masked name (maskedNameEnd: no star right
// after the characters, so no emphasis closes there) and the stars close
// neither the label's emphasis nor a colon's, they are the mask's and the
// span holds them.
func (s *scanner) maskedNameInGlue(pos, start int) (ms, end int) {
	ms = start
	for ms > pos && start-ms <= maxMaskedNameStars && s.text[ms-1] == '*' {
		ms--
	}
	if start-ms < minMaskedNameStars || start == s.glueColonEnd || s.labelEmphasisEnds(s.text[pos:start], start) {
		return 0, 0
	}
	return ms, s.maskedNameEnd(s.text[pos:ms], ms)
}

// continuesName reports whether what starts at text[p] goes on from a
// name's characters: a letter, a digit, a star, a name dot.
func continuesName(text []byte, p int) bool {
	r, _ := decodeRune(text[p:])
	if r < 0x80 {
		return isASCIIAlnum(byte(r)) || r == '*' || r == '_'
	}
	k := decodeUnit(text, p).kind
	return isNameDot(r) || k == uDigit || k == uLetter
}
