package detect

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"
)

// Chinese names: 2-4 Han characters starting with a surname (or joined by
// '·' in transliterated names), reported only with evidence: a label, a key
// hint, or other personal data in the same record.

const maxNameRunes = 4

// The registry places of the categories that names are not looked for
// next to.
var nameIndex, addressIndex = catIndex(CNName.index()), catIndex(CNAddress.index())

// nameAt reads a name starting at text[pos] and records it with the given
// evidence. It returns the end of the name, or 0.
func (s *scanner) nameAt(pos int, ev Evidence) int {
	end, ok := s.nameToken(pos, true)
	if !ok {
		return 0
	}
	if s.emitName(pos, end, ev) {
		return end
	}
	return 0
}

// emitName records text[start:end] as a name with the given evidence.
func (s *scanner) emitName(start, end int, ev Evidence) bool {
	conf := 0.8
	if ev&EvProximity != 0 {
		conf = 0.6
	}
	return s.emit(cand{ok: true, cat: CNName, conf: conf, ev: ev, start: start, end: end, norm: s.normText(start, end)})
}

// maxLabelledNameRunes bounds the value a name label is trusted for: real
// names, nicknames and transliterations (斯罗布莱特, 迈克尔·翁达杰) fit;
// a longer run is a sentence.
const maxLabelledNameRunes = 12

// trustedNameEnd returns the end of the value after a name label that is
// set off from it (姓名：小亭, 收货人：Alex, 联系人：迈克尔·翁达杰), or 0.
// The label is the evidence, so the value needs no surname: it runs over
// Han characters, Latin letters, '_' and name dots, and stops at anything
// else (punctuation, spaces, digits), at another label or field word
// (姓名：小亭性别女), or fails past maxLabelledNameRunes (past maxNameRunes
// when another field follows: 联系人：请在下单时备注您的真实姓名). What fills a field
// without naming anyone (未知, 无) is not a name.
func (s *scanner) trustedNameEnd(pos int) int {
	end, _ := s.trustedNameValue(pos)
	return end
}

// trustedNameValue is trustedNameEnd that also reports whether the value
// ended at another label or field word (姓名小亭性别女).
func (s *scanner) trustedNameValue(pos int) (int, bool) {
	n, han, letters, p := 0, 0, 0, pos
	atLabel := false
	dotAt := -1 // where the last name dot ends
	for p < len(s.text) {
		step()
		if n == 0 && s.labelIsValue(p) {
			// the value is a word that is also a label (收件人：父亲)
		} else if isLabelAt(s.text, p) || n >= 2 && startsWithFieldWord(s.text[p:]) {
			if n > maxNameRunes {
				return 0, false // a long run glued to the next field is a sentence that names it
			}
			atLabel = true
			break
		}
		r, size := utf8.DecodeRune(s.text[p:])
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
		_, size := utf8.DecodeLastRune(s.text[:p])
		p -= size // a dot ends no name
	}
	if q := s.trimGluedNumber(pos, p); q < p {
		p, han = q, utf8.RuneCount(s.text[pos:q]) // only Han characters are left at its end
	}
	if han == 0 && letters < 2 || p == pos || nonValues.has(s.text[pos:p]) || maskAt(s.text, p) {
		return 0, false
	}
	return p, atLabel
}

// holdsParticle reports whether text[start:end] holds a particle, pronoun
// or function word (notnamechars.txt): the mark of a phrase, not a name.
func (s *scanner) holdsParticle(start, end int) bool {
	for p := start; p < end; {
		step()
		_, n := utf8.DecodeRune(s.text[p:])
		if notNameChars.has(s.text[p : p+n]) {
			return true
		}
		p += n
	}
	return false
}

// trimGluedNumber returns where a value text[pos:end] ends once the
// letters and Chinese numerals at its end are left out when a number is
// glued on (户A13812345678, 三13812345678): they spell the number, not the
// name, and masking them would change how the number reads.
func (s *scanner) trimGluedNumber(pos, end int) int {
	if !s.digitGluedAt(end) {
		return end
	}
	for end > pos {
		step()
		r, size := utf8.DecodeLastRune(s.text[pos:end])
		if _, numeral := cjkDigit[r]; !numeral && !(r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r == '_')) {
			break
		}
		end -= size
	}
	return end
}

// digitGluedAt reports whether a digit that is no Chinese numeral starts at
// text[p], perhaps after invisible characters (\u200b1, &#49;, １).
func (s *scanner) digitGluedAt(p int) bool {
	for n := 0; p < len(s.text) && n <= maxGapIgnored; n++ {
		step()
		u := decodeUnit(s.text, p)
		if u.kind == uIgnore {
			p += u.size
			continue
		}
		if u.kind != uDigit {
			return false
		}
		r, _ := utf8.DecodeRune(s.text[p:])
		_, numeral := cjkDigit[r]
		return !numeral
	}
	return false
}

// maskAt reports whether a mask starts at text[p]: what a partial mask left
// (张*, Al***) or a label or hash mask ([CN_NAME], [CN_ID_3f2a…]). A value
// that runs into one is the remains of a redaction, not a name.
func maskAt(text []byte, p int) bool {
	return p < len(text) && (text[p] == '*' || text[p] == '[' && p+1 < len(text) && text[p+1] >= 'A' && text[p+1] <= 'Z')
}

// labelIsValue reports whether a label word at text[p] is a whole value
// rather than the next field's label: it ends the text, a line or a
// clause (收件人：父亲，…).
func (s *scanner) labelIsValue(p int) bool {
	lw, ok := labels.matchAt(s.text, p)
	if !ok {
		return false
	}
	end := p + len(lw.word)
	if end == len(s.text) {
		return true
	}
	r, _ := utf8.DecodeRune(s.text[end:])
	return strings.ContainsRune("，。；;,、\n\r！？!?", r)
}

// paddedGivenName returns the end of the given name that a form pads away
// from a one-character surname ending at pos (孟  伟, 李　娜): one or two
// spaces, then one or two Han characters that end the value. Otherwise it
// returns pos.
func (s *scanner) paddedGivenName(pos int) int {
	p := pos
	for n := 0; n < 2 && p < len(s.text); n++ {
		step()
		if !isAddressSpace(s.text, p) {
			break
		}
		_, size := utf8.DecodeRune(s.text[p:])
		p += size
	}
	if p == pos || p >= len(s.text) || isLabelAt(s.text, p) || startsWithFieldWord(s.text[p:]) {
		return pos
	}
	end := p
	for n := 0; n <= 2 && end < len(s.text); n++ {
		step()
		r, size := utf8.DecodeRune(s.text[end:])
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
	return end
}

// isNameDot reports the dots that join the parts of a transliterated name.
func isNameDot(r rune) bool { return r == '·' || r == '•' || r == '・' || r == '．' }

// nameToken returns the end of the name that starts at text[pos]. With
// afterLabel, the name may run straight into the next field (姓名张三性别男).
func (s *scanner) nameToken(pos int, afterLabel bool) (int, bool) {
	var runes [12]rune
	var ends [12]int
	n, dot, p := 0, false, pos
	for n < len(runes) && p < len(s.text) {
		step()
		if afterLabel && n >= 2 && startsWithFieldWord(s.text[p:]) {
			break
		}
		if n >= 1 && isLabelAt(s.text, p) {
			break // 姓名张三姓名…: the next label starts here
		}
		r, size := utf8.DecodeRune(s.text[p:])
		if isNameDot(r) {
			if n == 0 || dot {
				break
			}
			dot = true
		} else if !isHan(r) {
			break
		}
		runes[n] = r
		p += size
		ends[n] = p
		n++
	}
	if n > 0 && isNameDot(runes[n-1]) {
		n--
	}
	if dot {
		end := ends[n-1]
		return end, n >= 3 && !maskAt(s.text, end) && s.trimGluedNumber(pos, end) == end
	}
	if n < 2 {
		return 0, false
	}
	sur := 1
	if n >= 3 && surnames.has(s.text[pos:ends[1]]) {
		sur = 2
	} else if !surnames.has(s.text[pos:ends[0]]) {
		return 0, false
	}
	if n > sur+2 {
		return 0, false // a longer Han run is a phrase, not a name
	}
	if n == 4 && sur == 1 {
		n = 3
	}
	end := ends[n-1]
	if commonWords.has(s.text[pos:end]) || isLabelWord(s.text[pos:end]) {
		return 0, false
	}
	if maskAt(s.text, end) {
		return 0, false // what a partial mask left (张*, 北京市朝阳区****) is no name
	}
	if q := s.trimGluedNumber(pos, end); q < end {
		return 0, false // its last characters spell a number glued on
	}
	return end, true
}

func startsWithFieldWord(t []byte) bool {
	for _, w := range fieldWords {
		step()
		if bytes.HasPrefix(t, []byte(w)) {
			return true
		}
	}
	return false
}

func isLabelWord(w []byte) bool {
	lw, ok := labels.matchAt(w, 0)
	return ok && len(lw.word) == len(w)
}

// namesNearFindings looks for a name right next to each confirmed finding
// that is no name: the Han token just before it or just after it, apart
// from it only by separators (张三，13800138000; 13800138000 张三), by a
// label of the finding (张三 电话：138…) or by a gender (张三 男 138…).
// Only those two places are looked at, a bounded distance from the
// finding, and the token must have the strict shape of proximityName.
// Hits must be sorted; it reports whether it added any.
func (s *scanner) namesNearFindings() bool {
	count := len(s.hits)
	// maxEnds[k] is the furthest end of hits[0..k]: whether a span overlaps
	// an earlier hit is then one search and one comparison
	s.maxEnds = s.maxEnds[:0]
	for k, h := range s.hits {
		step()
		if k > 0 {
			h.End = max(h.End, s.maxEnds[k-1])
		}
		s.maxEnds = append(s.maxEnds, h.End)
	}
	for k := 0; k < count; k++ {
		step()
		h := s.hits[k]
		if h.weak || h.cat == nameIndex {
			continue
		}
		if start, end, ok := s.tokenBefore(h.Start); ok && s.proximityName(start, end) && !s.covered(start, end, count) {
			s.nameAt(start, EvProximity)
		}
		if start, end, ok := s.tokenAfter(h.End); ok && s.proximityName(start, end) && !s.covered(start, end, count) {
			s.nameAt(start, EvProximity)
		}
	}
	return len(s.hits) > count
}

// maxGlueRunes bounds the separators looked through between a finding and
// the name next to it.
const maxGlueRunes = 3

// isNameGlue reports the separators between the fields of a record.
func isNameGlue(r rune) bool {
	switch r {
	case ' ', '\t', ',', ';', ':', '|', '/', '，', '；', '：', '、', '\u3000':
		return true
	}
	return false
}

// glueBefore returns where the separators that end at pos start, looking
// back at most maxGlueRunes characters.
func (s *scanner) glueBefore(pos int) int {
	for n := 0; n < maxGlueRunes && pos > 0; n++ {
		step()
		r, size := utf8.DecodeLastRune(s.text[:pos])
		if !isNameGlue(r) {
			break
		}
		pos -= size
	}
	return pos
}

// glueAfter returns where the separators that start at pos end.
func (s *scanner) glueAfter(pos int) int {
	for n := 0; n < maxGlueRunes && pos < len(s.text); n++ {
		step()
		r, size := utf8.DecodeRune(s.text[pos:])
		if !isNameGlue(r) {
			break
		}
		pos += size
	}
	return pos
}

// maxLabelBytes bounds the label looked through before a finding (联系电话,
// 身份证号码: at most five Han characters).
const maxLabelBytes = 15

// labelBefore returns where a label word that ends at pos starts, or pos.
func (s *scanner) labelBefore(pos int) int {
	for k := 2; k <= maxLabelBytes && k <= pos; k++ {
		step()
		if lw, ok := labels.matchAt(s.text[:pos], pos-k); ok && len(lw.word) == k {
			return pos - k
		}
	}
	return pos
}

// tokenBefore returns the Han token that ends before the finding at pos,
// apart from it only by separators, a label and a gender: at most
// maxNameRunes characters that start where the text, a line or a
// punctuation mark does.
func (s *scanner) tokenBefore(pos int) (int, int, bool) {
	end := s.glueBefore(pos)
	if p := s.labelBefore(end); p < end {
		end = s.glueBefore(p)
	} else if end == pos {
		return 0, 0, false // the token must be set off from the finding
	}
	if g := s.genderBefore(end); g < end {
		end = s.glueBefore(g)
	}
	start, limit := end, maxNameRunes
	for n := 0; n <= limit && start > 0; n++ {
		step()
		r, size := utf8.DecodeLastRune(s.text[:start])
		if isNameDot(r) {
			limit = maxDottedNameRunes
		} else if !isHan(r) {
			if !nameBoundary(r) {
				return 0, 0, false
			}
			break
		}
		if n == limit {
			return 0, 0, false // a longer run is a phrase
		}
		start -= size
	}
	return start, end, start < end
}

// maxDottedNameRunes bounds a transliterated name (迈克尔·翁达杰).
const maxDottedNameRunes = 12

// tokenAfter returns the Han token that starts after the finding that ends
// at pos, apart from it only by separators.
func (s *scanner) tokenAfter(pos int) (int, int, bool) {
	start := s.glueAfter(pos)
	if start == pos {
		return 0, 0, false
	}
	end, limit := start, maxNameRunes
	for n := 0; n <= limit && end < len(s.text); n++ {
		step()
		r, size := utf8.DecodeRune(s.text[end:])
		if isNameDot(r) {
			limit = maxDottedNameRunes
		} else if !isHan(r) {
			if !nameBoundary(r) && !(r < utf8.RuneSelf && isASCIIDigit(byte(r))) {
				return 0, 0, false
			}
			break
		}
		if n == limit {
			return 0, 0, false
		}
		end += size
	}
	return start, end, start < end
}

// genderBefore returns where a gender word (男, 女) that ends at pos, set
// off by separators, starts, or pos.
func (s *scanner) genderBefore(pos int) int {
	r, size := utf8.DecodeLastRune(s.text[:pos])
	if r != '男' && r != '女' {
		return pos
	}
	if prev, _ := utf8.DecodeLastRune(s.text[:pos-size]); !isNameGlue(prev) {
		return pos
	}
	return pos - size
}

// proximityName reports whether text[start:end] has the strict shape a
// name needs when only other personal data nearby speaks for it: a name
// token (a surname and one to three characters) that is no listed word,
// holds no particle or pronoun, does not end like a place or an
// institution, does not begin with a common word (纪念墙), and is no
// doubled syllable (哈哈).
func (s *scanner) proximityName(start, end int) bool {
	if e, ok := s.nameToken(start, false); !ok || e != end {
		return false
	}
	t := s.text[start:end]
	if notNames.has(t) || nonValues.has(t) {
		return false
	}
	if bytes.ContainsAny(t, "·•・．") {
		return true // a transliteration (安德烈·马尔科) has a shape of its own
	}
	first, size := utf8.DecodeRune(t)
	for p := size; p < len(t); {
		step()
		r, n := utf8.DecodeRune(t[p:])
		if notNameChars.has(t[p : p+n]) {
			return false
		}
		if p+n == len(t) && notNameFinals.has(t[p:]) {
			return false
		}
		if p > size && (commonWords.has(t[:p]) || notNames.has(t[:p])) {
			return false // a common word and more (纪念墙, 谢谢啦)
		}
		if p == size && p+n == len(t) && r == first {
			return false // 哈哈, 宝宝
		}
		p += n
	}
	return true
}

// covered reports whether [start,end) overlaps an existing hit. The first
// sorted hits are searched by start with their running furthest end
// (maxEnds); the names added after them come in order and do not overlap
// one another, so the last one added is the only one to check.
func (s *scanner) covered(start, end, sorted int) bool {
	k := sort.Search(sorted, func(j int) bool { return s.hits[j].Start >= end })
	if k > 0 && s.maxEnds[k-1] > start {
		return true
	}
	if n := len(s.hits); n > sorted {
		h := &s.hits[n-1]
		return start < h.End && h.Start < end
	}
	return false
}

// nameBoundary reports the characters that may stand right before or after
// a standalone name: white space and punctuation, not letters, digits or Han.
func nameBoundary(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', ',', ';', ':', '"', '\'', '(', ')', '[', ']', '|', '/',
		'，', '。', '；', '：', '、', '（', '）', '“', '”', '「', '」', '【', '】', '\u3000':
		return true
	}
	return false
}

// isLabelAt reports whether a Chinese label word starts at text[p].
func isLabelAt(text []byte, p int) bool {
	if text[p] < utf8.RuneSelf {
		return false
	}
	_, ok := labels.matchAt(text, p)
	return ok
}

// maxAgeRunes bounds the numerals of an age (45, 四十五).
const maxAgeRunes = 4

// nameWithGenderAge reads the record "name, gender, age" that ends with
// the 岁 at text[i] (陶平洋，男，45岁; 张三 女 三十岁): the name before a
// gender and an age is a person's, so it is reported with no other
// evidence, provided it has the strict shape of proximityName.
func (s *scanner) nameWithGenderAge(i int) {
	p := i
	for n := 0; n < maxAgeRunes && p > 0; n++ {
		step()
		r, size := utf8.DecodeLastRune(s.text[:p])
		if _, han := cjkDigit[r]; !han && classifyRune(r).kind != uDigit && !strings.ContainsRune("十百廿卅", r) {
			break
		}
		p -= size
	}
	if p == i {
		return
	}
	glue := s.glueBefore(p)
	if glue == p || s.genderBefore(glue) == glue {
		return // 男/女 set off by separators must stand before the age
	}
	start, end, ok := s.tokenBefore(p)
	if !ok || !s.proximityName(start, end) {
		return
	}
	if n := len(s.hits); n > 0 && s.hits[n-1].cat == nameIndex && s.hits[n-1].Start == start && s.hits[n-1].End == end {
		// the gender already read this name, waiting for other data: the
		// age makes it a record of its own
		h := &s.hits[n-1]
		h.weak, h.Evidence, h.Confidence = false, h.Evidence|EvStructure, max(h.Confidence, 0.7)
		s.strongEnd = max(s.strongEnd, end)
		return
	}
	if start < s.lastHitEnd {
		return
	}
	s.emit(cand{ok: true, cat: CNName, conf: 0.7, ev: EvStructure, start: start, end: end, norm: s.normText(start, end)})
}

// nameWithGender reads a name set off before the gender at text[i]
// (张三，男，1990年生; 张三 女): the record of a person, reported when
// other personal data nearby confirms it (the hit is weak), provided the
// name has the strict shape of proximityName and the gender stands alone.
func (s *scanner) nameWithGender(i, size int) {
	if i+size < len(s.text) {
		if r, _ := utf8.DecodeRune(s.text[i+size:]); !isNameGlue(r) && r != '\n' && r != '\r' && r != ')' && r != '）' {
			return // 男朋友, 女士: a word, not a gender
		}
	}
	if s.glueBefore(i) == i {
		return
	}
	start, end, ok := s.tokenBefore(i)
	if !ok || !s.proximityName(start, end) || start < s.lastHitEnd {
		return
	}
	s.emit(cand{ok: true, cat: CNName, conf: 0.6, weak: true, start: start, end: end, norm: s.normText(start, end)})
}
