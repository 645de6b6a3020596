package detect

// A name behind its label that another system masked in part (姓名：***小亭,
// 收件人：****晓明): the stars hide the surname, the rest of the name is
// read raw. The stars are no glue (a run of three or more nothing closes
// is a mask's, skipLabelGlue), so the value after them was read by
// nothing.

// Bounds of a partly masked name behind its label: the stars of the mask
// (three up to maxMaskedNameStars) and the visible Han characters after
// them (minVisibleRest to maxVisibleRest: what a given name shows).
const (
	minMaskedNameStars = 3
	maxMaskedNameStars = 8
	minVisibleRest     = 2
	maxVisibleRest     = 2
)

// maskedNameEnd returns the end of a partly masked name whose stars start
// at text[start], behind a name label that the glue sets off (a colon, a
// table's bar, a tab), or 0: a run of minMaskedNameStars to
// maxMaskedNameStars stars, then two Han characters that end the value
// (the text's end, a space, punctuation: no letter, digit, star or name
// dot goes on), with no field word or label at their start, no particle,
// no title or word that fills a field without naming anyone (姓名：***小亭;
// 姓名：***先生, ***老师 stay). The span holds the stars: the name's mask
// stars them and every visible character.
//
// Under the full mask nothing is read so: this engine's own full mask of
// a name writes a star for each of its characters, and what the value's
// end left after it may be two Han characters (姓名：张伟*小亭 is
// 姓名：***小亭 masked), which a second redaction must leave as they are.
func (s *scanner) maskedNameEnd(glue []byte, start int) int {
	if s.e.mask == MaskFull || !setsOffValue(glue) {
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
		notNames.has(s.text[from:p]) || isNonValue(s.text[from:p]) {
		return 0
	}
	return p
}

// maskedNameInGlue returns the span text[ms:end] of a partly masked name
// whose stars the label's glue, text[pos:start], ends with (or end 0):
// skipLabelGlue reads three stars as emphasis when a run of as many
// follows on the line, and a masked field after the name holds one
// (姓名：***建国，电话：***), so the value was read as the name 建国, its
// first character left raw by the name's mask (attack54c F2). When the
// stars and the characters after them make a masked name (maskedNameEnd:
// no star right after the characters, so no emphasis closes there), the
// stars are the mask's and the span holds them.
func (s *scanner) maskedNameInGlue(pos, start int) (ms, end int) {
	ms = start
	for ms > pos && start-ms <= maxMaskedNameStars && s.text[ms-1] == '*' {
		ms--
	}
	if start-ms < minMaskedNameStars {
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
