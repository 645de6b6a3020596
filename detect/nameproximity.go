package detect

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Names found by proximity: the Han token right next to a confirmed
// finding, or before a gender and an age, held to a strict shape
// (proximityName) because only the record around it speaks for it.

// maxASCIIGate bounds the texts namesPossible reads through: a short
// text (a JSON value, a form field) is read in a few words, fewer
// instructions than namesNearFindings spends on its hits; a long one is
// not read twice for what saves little.
const maxASCIIGate = 256

// namesPossible reports whether namesNearFindings may find a name in the
// text: every name it finds is a Han token (tokenBefore, tokenEndAfter and
// nameTokenField read Han characters and name dots, none of them ASCII,
// and take at least one), so a text of ASCII bytes alone holds none, but
// for a contact segment of letters beside a mobile (segmentName). A text
// longer than maxASCIIGate is not read and may hold one.
func (s *scanner) namesPossible() bool {
	if len(s.text) > maxASCIIGate || !asciiOnly(s.text) {
		return true
	}
	for k := range s.hits {
		step()
		if s.hits[k].cat == mobileIndex {
			return true // a handle of letters beside a mobile (kitty，138…: segmentName)
		}
	}
	return false
}

// asciiOnly reports whether b holds no byte above 0x7F, eight bytes at a
// look.
func asciiOnly(b []byte) bool {
	const high = 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		step()
		if binary.LittleEndian.Uint64(b[i:])&high != 0 {
			return false
		}
	}
	for ; i < len(b); i++ {
		step()
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
	s.indexEnds()
	for k := 0; k < count; k++ {
		step()
		h := s.hits[k]
		if h.weak() || h.cat == nameIndex {
			continue
		}
		// a token inside the hit before or after this one is covered
		// whatever its other end: that end is not read (coveredAt)
		added := len(s.hits)
		if end, ok := s.tokenEndBefore(h.Start); ok && !s.coveredAt(k-1, end-1, count) {
			if start, ok := s.tokenStartBefore(end); ok && !s.covered(start, end, count) {
				if !s.nameNear(start, end) && s.glueBefore(h.Start) == end && s.contactLine(start, h.End, start, end) && !s.tableWord(start, start, end, s.text[end:h.Start]) {
					s.emitName(start, end, EvProximity)
				}
			}
		}
		if h.cat == mobileIndex && len(s.hits) == added && !s.segmentBeforeCovered(k, count) {
			s.segmentNameBefore(h, count) // a contact record's segment (小叶同学，138…)
		}
		added = len(s.hits)
		if start, ok := s.tokenStartAfter(h.End, h.cat == addressIndex && s.endsInHouseMark(h.End)); ok && !s.coveredAt(k+1, start, count) {
			if end, ok := s.tokenEndAfter(start); ok && !s.covered(start, end, count) {
				if !s.nameNear(start, end) && s.glueAfter(h.End) == start && s.contactLine(h.Start, end, start, end) && !s.tableWord(h.Start, start, end, s.text[h.End:start]) {
					s.emitName(start, end, EvProximity)
				}
			}
		}
		if h.cat == mobileIndex && len(s.hits) == added && !s.segmentAfterCovered(k, count) {
			s.segmentNameAfter(h, count) // 138… kitty
		}
	}
	return len(s.hits) > count
}

// indexEnds builds s.maxEnds for the sorted hits (covered): maxEnds[b] is
// the furthest end of the hits before hits[b*maxEndsBlock]. Whether a
// span overlaps an earlier hit is then one search and at most
// maxEndsBlock comparisons, and maxEnds takes a sixteenth of the memory a
// running maximum for every hit would.
func (s *scanner) indexEnds() {
	count := len(s.hits)
	s.maxEnds = slices.Grow(s.maxEnds[:0], count/maxEndsBlock+1)
	furthest := 0
	for k := range s.hits {
		step()
		if k%maxEndsBlock == 0 {
			s.maxEnds = append(s.maxEnds, furthest)
		}
		furthest = max(furthest, s.hits[k].End)
	}
	if count%maxEndsBlock == 0 {
		s.maxEnds = append(s.maxEnds, furthest)
	}
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
		r, size := rune(s.text[pos-1]), 1
		if r >= utf8.RuneSelf {
			r, size = lastRune(s.text, pos)
		}
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
		r, size := rune(s.text[pos]), 1 // ASCII (a comma, a space) at one look
		if r >= utf8.RuneSelf {
			var ok bool
			if r, ok = cjkRune(s.text[pos:]); ok {
				size = 3 // the three-byte characters (，、：) inline
			} else {
				r, size = decodeRune(s.text[pos:])
			}
		}
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
	if pos == 0 {
		return pos
	}
	// the lengths from 2 to maxLabelBytes (and pos) of the labels that
	// end with the rune before pos, shortest first
	lens := labels.lensEndingAt(s.text, pos) & (lenBit(min(maxLabelBytes, pos)+1) - 1) &^ 3
	for lens != 0 {
		step()
		k := bits.TrailingZeros64(lens)
		lens &= lens - 1
		if !labels.mayMatchAt(s.text[:pos], pos-k) {
			continue // most places start no label, many are inside a character
		}
		if lw, ok := labels.searchAt(s.text[:pos], pos-k); ok && len(lw.word) == k {
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
	end, ok := s.tokenEndBefore(pos)
	if !ok {
		return 0, 0, false
	}
	start, ok := s.tokenStartBefore(end)
	return start, end, ok
}

// coveredAt reports whether the hit k, one of the first sorted (when there
// is one), holds text[p]: a token that holds text[p] overlaps it, and
// covered would report so. namesNearFindings asks it of the hits next to a
// finding before it reads the token's other end.
func (s *scanner) coveredAt(k, p, sorted int) bool {
	return k >= 0 && k < sorted && s.hits[k].Start <= p && p < s.hits[k].End
}

// tokenEndBefore returns where the token tokenBefore reads before the
// finding at pos ends (past the separators, a label and a gender), or
// false when none does.
func (s *scanner) tokenEndBefore(pos int) (int, bool) {
	end := s.glueBefore(pos)
	if end == 0 {
		return 0, false
	}
	if b := s.text[end-1]; b < utf8.RuneSelf && b != ')' && !labels.ends.has(rune(lowerASCII(b))) {
		// most findings of a record follow another one's digit or
		// letter: an ASCII character that ends no label and no gender in
		// brackets ends no token either (no Han character before the
		// separators), which the walk below would find at its first step
		return 0, false
	}
	if p := s.labelBefore(end); p < end {
		end = s.glueBefore(p)
	} else if end == pos && s.genderBefore(end) == end {
		return 0, false // the token must be set off from the finding (a gender in brackets does: 曹磊（女）138…)
	}
	if g := s.genderBefore(end); g < end {
		end = s.glueBefore(g)
	}
	return end, end > 0
}

// tokenStartBefore returns where the token of tokenBefore that ends at
// end starts, and whether it is one.
func (s *scanner) tokenStartBefore(end int) (int, bool) {
	start, limit := end, maxNameRunes
	for n := 0; n <= limit && start > 0; n++ {
		step()
		r, size := lastRune(s.text, start)
		if !isHan(r) && classifyRune(r).kind == uIgnore && start-size > 0 { // no Han character is invisible
			if h, _ := lastRune(s.text, start-size); isHan(h) && start < end {
				start -= size // 张\u200b三: an invisible character inside the name
				n--
				continue
			}
		}
		if isNameDot(r) {
			limit = maxDottedNameRunes
		} else if !isHan(r) {
			if !nameBoundary(r) {
				return 0, false
			}
			break
		}
		if n == limit {
			return 0, false // a longer run is a phrase
		}
		start -= size
	}
	return start, start < end
}

// maxDottedNameRunes bounds a transliterated name (迈克尔·翁达杰).
const maxDottedNameRunes = 12

// tokenStartAfter returns where the Han token after the finding that ends
// at pos starts: past the separators, or glued to it when glued is true
// (an address ending in its house or room number: …3幢201室王小明); false
// when no token may start there. tokenEndAfter reads the token.
func (s *scanner) tokenStartAfter(pos int, glued bool) (int, bool) {
	start := s.glueAfter(pos)
	return start, start > pos || glued
}

// tokenEndAfter returns where the token that starts at start ends (at most
// maxNameRunes Han characters up to a punctuation mark, a space or a
// digit), and whether it is one.
func (s *scanner) tokenEndAfter(start int) (int, bool) {
	end, limit := start, maxNameRunes
	for n := 0; n <= limit && end < len(s.text); n++ {
		step()
		r, size := rune(0), 3
		var ok bool
		if r, ok = cjkRune(s.text[end:]); !ok {
			r, size = decodeRune(s.text[end:]) // the three-byte characters inline
		}
		if isNameDot(r) {
			limit = maxDottedNameRunes
		} else if !isHan(r) {
			if !nameBoundary(r) && !(r < utf8.RuneSelf && isASCIIDigit(byte(r))) {
				return 0, false
			}
			break
		}
		if n == limit {
			return 0, false
		}
		end += size
	}
	return end, start < end
}

// endsInHouseMark reports whether the text ending at pos ends in a house
// or room number: a digit, or a digit and the character that closes the
// number (12号, 201室, 3栋). What follows an address ended so, glued to
// it, starts another field (the consignee of a Taobao-style address).
func (s *scanner) endsInHouseMark(pos int) bool {
	r, size := lastRune(s.text, pos)
	if r < utf8.RuneSelf && isASCIIDigit(byte(r)) {
		return true
	}
	switch r {
	case '号', '號', '室', '栋', '棟', '幢', '户', '戶', '座':
	default:
		return false
	}
	p := numberEndBefore(s.text, pos-size) // 3幢, 3 幢, 3\u200b幢
	return p > 0 && isASCIIDigit(s.text[p-1])
}

// genderBefore returns where a gender word (男, 女) that ends at pos, set
// off by separators or in brackets (（女）), starts, or pos.
func (s *scanner) genderBefore(pos int) int {
	r, size := lastRune(s.text, pos)
	if r == ')' || r == '）' {
		g, gs := lastRune(s.text, pos-size)
		o, os := lastRune(s.text, pos-size-gs)
		if (g == '男' || g == '女') && (o == '(' || o == '（') {
			return pos - size - gs - os
		}
		return pos
	}
	if r != '男' && r != '女' {
		return pos
	}
	if prev, _ := lastRune(s.text, pos-size); !isNameGlue(prev) {
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
	return nameShaped(s.text[start:end], false)
}

// nameNear records text[start:end] as a name found next to a finding
// when it has the shape of proximityName, as nameAt would read it; it
// reports whether it has that shape. The token is read once: a second
// read, as nameAt makes after a label, is made only where a field word
// inside it could end it sooner.
func (s *scanner) nameNear(start, end int) bool {
	e, ok, field := s.nameTokenField(start, false, true)
	if !ok || e != end || !nameShaped(s.text[start:end], false) {
		return false
	}
	if field {
		s.nameAt(start, EvProximity)
	} else {
		s.emitName(start, end, EvProximity)
	}
	return true
}

// nameShaped reports whether a Han token t may be a name by what it is
// made of: no listed non-name or non-value, no character or final no name
// has, no common word with more after it, no doubled character alone
// unless doubledOK (a contact line's 佳佳).
func nameShaped(t []byte, doubledOK bool) bool {
	if inAny(t, &notNames, &nonValues) {
		return false
	}
	if indexNameDot(t, true) >= 0 {
		return true // a transliteration (安德烈·马尔科) has a shape of its own
	}
	first, size := decodeRune(t)
	for p := size; p < len(t); {
		step()
		r, n := rune(0), 3
		var ok bool
		if r, ok = cjkRune(t[p:]); !ok {
			r, n = decodeRune(t[p:]) // the three-byte characters inline
		}
		if n == 3 && notNameCharRunes.has(r) {
			return false
		}
		if p+n == len(t) && n == 3 && notNameFinalRunes.has(r) {
			return false
		}
		if p > size && inAny(t[:p], &commonWords, &notNames, &nonValues) {
			return false // a common word and more (纪念墙, 谢谢啦, 老师们)
		}
		if p == size && p+n == len(t) && r == first && !doubledOK {
			return false // 哈哈, 宝宝
		}
		p += n
	}
	return true
}

// notNameCharRunes and notNameFinalRunes are notNameChars and
// notNameFinals as sets of runes, which nameShaped asks of each character
// of a token with one bit, not a hash: every word of both lists is one
// character of three bytes (singleCharacters), so a character is one of
// their words exactly when it is three bytes long and in the set.
var notNameCharRunes, notNameFinalRunes = singleCharacters(&notNameChars), singleCharacters(&notNameFinals)

// singleCharacters returns the words of ws as a set of runes; each must
// be one character of three bytes.
func singleCharacters(ws *wordSet) *bmpSet {
	for _, w := range ws.list {
		if r, n := decodeRune([]byte(w)); n != 3 || len(w) != 3 || r == utf8.RuneError {
			panic("detect: a word of a list of single characters that is not one three-byte character: " + w)
		}
	}
	return newBMPSet(strings.Join(ws.list, ""))
}

// maxEndsBlock is how many hits share an entry of maxEnds.
const maxEndsBlock = 16

// furthestEnd returns the furthest end of hits[:k], or 0, for k up to the
// count namesNearFindings filled maxEnds for.
func (s *scanner) furthestEnd(k int) int {
	b := k / maxEndsBlock
	end := s.maxEnds[b]
	for j := b * maxEndsBlock; j < k; j++ {
		step()
		end = max(end, s.hits[j].End)
	}
	return end
}

// covered reports whether [start,end) overlaps an existing hit. The first
// sorted hits are searched by start with their furthest end
// (furthestEnd); the names added after them come in order and do not
// overlap one another, so the last one added is the only one to check.
func (s *scanner) covered(start, end, sorted int) bool {
	k := sort.Search(sorted, func(j int) bool { return s.hits[j].Start >= end })
	if k > 0 && s.furthestEnd(k) > start {
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
	// an invisible character sets nothing visible apart, and must not
	// hide the name after it (\u200b张三，138…)
	return classifyRune(r).kind == uIgnore
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
		r, size := lastRune(s.text, p)
		if classifyRune(r).kind != uDigit && !strings.ContainsRune("十百廿卅", r) {
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
		h.flags &^= hitWeak
		h.ev |= uint8(EvStructure)
		h.conf = s.confIndex(max(s.confidence(h), 0.7))
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
		if r, _ := decodeRune(s.text[i+size:]); !isNameGlue(r) && r != '\n' && r != '\r' && r != ')' && r != '）' {
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

// contactLine reports whether the Han token text[start:end] next to a
// finding is the name of a contact line: the token and the finding, with
// only separators between them (the caller checks), make up the line
// text[lineStart:lineEnd] opens and closes, and the token has a name's
// shape (nameShaped) of two or three characters (four are as often a
// shop's name: 张记饺子, 金牌月嫂), no surname needed (小亭，
// 19818214585; 13016404737 雯子). A line that is a word and a phone is a
// contact as often as not; a common word (谢谢，…) is none.
func (s *scanner) contactLine(lineStart, lineEnd, start, end int) bool {
	if lineStart > 0 && s.text[lineStart-1] != '\n' {
		return false
	}
	p := lineEnd
	for p < len(s.text) && (s.text[p] == ' ' || s.text[p] == '\t' || s.text[p] == '\r') {
		step()
		p++
	}
	if p < len(s.text) && s.text[p] != '\n' {
		return false
	}
	t := s.text[start:end]
	n := utf8.RuneCount(t)
	if n < 2 || n > 3 || commonWords.has(t) || isLabelWord(t) || indexNameDot(t, true) >= 0 {
		return false
	}
	first, _ := decodeRune(t)
	same := true // 急急急: a character tripled or more is no name; doubled (佳佳) it may be
	for p := 0; p < len(t); {
		step()
		r, size := decodeRune(t[p:])
		if !isHan(r) || isCJKDigit(r) {
			return false
		}
		same = same && r == first
		p += size
	}
	return !(same && n > 2) && !holdsListedWord(t) && nameShaped(t, true)
}

// holdsListedWord reports whether a listed non-name or common word of two
// characters or more stands anywhere in the short token t (请联系 holds
// 联系, 欢迎来电 来电): a name holds none.
func holdsListedWord(t []byte) bool {
	for i := 0; i < len(t); {
		_, size := decodeRune(t[i:])
		for j := i + size; j <= len(t); {
			if j > i+size && (notNames.has(t[i:j]) || commonWords.has(t[i:j])) {
				return true
			}
			if j == len(t) {
				break
			}
			_, n := decodeRune(t[j:])
			j += n
		}
		i += size
	}
	return false
}
