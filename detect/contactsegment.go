package detect

import "unicode/utf8"

// Names found as a contact record's whole segment: in a record of a
// segment and a mobile (小叶同学，138…; 138… kitty), the segment that
// stands alone between a record's start and the mobile, or between the
// mobile and the record's end, apart from it only by a comma, a space, a
// colon or an ideographic comma, is who the number belongs to: a name or
// a handle, each naming someone once a phone is beside it. Only that
// standalone place is read (a clause after a comma inside a sentence
// starts no record), and only a short segment (maxSegmentHan Han
// characters, maxSegmentBytes in all) of a handle's characters that is no
// label, no number, no listed word and holds no particle or pronoun.

// mobileIndex is the registry place of cn_mobile.
var mobileIndex = catIndex(CNMobile.index())

// maxSegmentBytes bounds a contact segment: six Han characters, or a
// handle of letters, digits and Han characters (林小萱Sandy, V_Jessie).
const maxSegmentBytes = 18

// maxSegmentHan bounds the Han characters of a contact segment.
const maxSegmentHan = 6

// maxSegmentIgnored bounds the invisible characters read inside a
// segment (小\u200b叶): they are passed over, not counted.
const maxSegmentIgnored = 8

// isSegmentGlue reports the separators between a contact segment and its
// mobile: a comma, a space, a colon, an ideographic comma, and the
// Markdown a renderer draws as none (emphasis: **王小明**，138…; a table's
// pipe: | 小叶 | 138… |).
func isSegmentGlue(r rune) bool {
	switch r {
	case ' ', '\t', ',', ':', '，', '：', '、', '\u3000', '|', '*', '~':
		return true
	}
	return false
}

// isEmphasisMark reports the Markdown emphasis characters around a
// segment or a mobile (**…**, *…*, _…_, ~~…~~), drawn as no character.
func isEmphasisMark(r rune) bool {
	return r == '*' || r == '_' || r == '~'
}

// isListMarker reports the Markdown marks a line starts a list item, a
// quote or a table row with (- , * , + , > , | ): a record starts after
// them.
func isListMarker(b byte) bool {
	switch b {
	case '-', '*', '+', '>', '|':
		return true
	}
	return false
}

// endsRecord reports the characters after which a record starts and
// before which one ends: a line break, a semicolon. A sentence's end (。！？)
// is none: the clause after it is as often a post's last word (。失望，…;
// ？酷 …) as a contact, and the strict shape of proximityName alone is read
// there (measured: 13 of the 1675 clean lines with a mobile appended had a
// last clause taken).
func endsRecord(r rune) bool {
	switch r {
	case '\n', '\r', '；', ';':
		return true
	}
	return false
}

// isSegmentMark reports the marks a handle holds inside (张_潞淼,
// Cz-君, 羽墨丶月, 安德烈·马尔科).
func isSegmentMark(r rune) bool {
	return r == '_' || r == '-' || r == '丶' || isNameDot(r)
}

// isSegmentRune reports the characters of a contact segment.
func isSegmentRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r)) || isASCIIDigit(byte(r)) || r == '_' || r == '-'
	}
	return isHan(r) || isSegmentMark(r)
}

// segmentGlueBefore returns where the separators that end at pos start
// (at most maxGlueRunes), and whether there is one.
func (s *scanner) segmentGlueBefore(pos int) (int, bool) {
	p := pos
	for n := 0; n < maxGlueRunes && p > 0; n++ {
		step()
		r, size := lastRune(s.text, p)
		if !isSegmentGlue(r) {
			break
		}
		p -= size
	}
	return p, p < pos
}

// segmentGlueAfter returns where the separators that start at pos end
// (at most maxGlueRunes), and whether there is one.
func (s *scanner) segmentGlueAfter(pos int) (int, bool) {
	p := pos
	for n := 0; n < maxGlueRunes && p < len(s.text); n++ {
		step()
		r, size := decodeRune(s.text[p:])
		if !isSegmentGlue(r) {
			break
		}
		p += size
	}
	return p, p > pos
}

// jsonValueStartAt reports whether the quote at text[q] opens a JSON
// string value or array element (:"…, ["…, ,"…).
func (s *scanner) jsonValueStartAt(q int) bool {
	if q == 0 {
		return true
	}
	switch s.text[q-1] {
	case ':', '[', ',', '{':
		return true
	}
	return false
}

// jsonValueEndAt reports whether the quote at text[q] closes a JSON
// string value (…",  …"}  …"]).
func (s *scanner) jsonValueEndAt(q int) bool {
	if q+1 == len(s.text) {
		return true
	}
	switch s.text[q+1] {
	case ',', '}', ']':
		return true
	}
	return false
}

// recordEndsAt reports whether a record ends at text[p], past spaces,
// tabs and Markdown drawn as nothing (emphasis, a table row's last pipe):
// the text's end, a line's, a semicolon, a JSON value's end.
func (s *scanner) recordEndsAt(p int) bool {
	pipes := 0
	for n := 0; n < maxGlueRunes && p < len(s.text); n++ {
		step()
		c := s.text[p]
		if c == '|' {
			if pipes++; pipes > 1 {
				return false
			}
		} else if c != ' ' && c != '\t' && !isEmphasisMark(rune(c)) {
			break
		}
		p++
	}
	if p == len(s.text) {
		return true
	}
	r, _ := decodeRune(s.text[p:])
	return endsRecord(r) || r == '"' && s.jsonValueEndAt(p)
}

// recordStartsAt reports whether a record starts at text[p], past spaces,
// tabs, emphasis and one Markdown line mark before it (- , 1. , > , | ):
// the text's start, a line's, a semicolon's end, a JSON value's start.
func (s *scanner) recordStartsAt(p int) bool {
	for marks := 0; ; marks++ {
		for n := 0; n < maxGlueRunes && p > 0 && (s.text[p-1] == ' ' || s.text[p-1] == '\t' || isEmphasisMark(rune(s.text[p-1]))); n++ {
			step()
			p--
		}
		if p == 0 {
			return true
		}
		r, size := lastRune(s.text, p)
		if endsRecord(r) || r == '"' && s.jsonValueStartAt(p-size) {
			return true
		}
		if marks == 2 {
			return false
		}
		switch q := s.listMarkerBefore(p); {
		case q < p:
			p = q
		default:
			return false
		}
	}
}

// listMarkerBefore returns where a Markdown line mark ending at text[p]
// starts (- , * , > , | , or a number and a dot or a parenthesis: 1. ),
// or p when there is none.
func (s *scanner) listMarkerBefore(p int) int {
	c := s.text[p-1]
	if isListMarker(c) {
		return p - 1
	}
	if c != '.' && c != ')' {
		return p
	}
	q := p - 1
	for n := 0; n < maxListNumber && q > 0 && isASCIIDigit(s.text[q-1]); n++ {
		step()
		q--
	}
	if q == p-1 {
		return p
	}
	return q
}

// maxListNumber bounds the digits of an ordered list item's number.
const maxListNumber = 9

// tableRow returns the separator of the table whose row is the record
// holding text[p], or 0: the glue between its segment and its mobile is a
// bare ASCII comma, a tab or a pipe, and the line before holds the same
// separator (a header or a row above). The words of a column headed 状态
// or 品牌 (已发货, 小米) are no names; the cells under a name column are
// read by tableNames before. Only maxTableLook bytes back are read: past
// them a row is read as a record of its own (a word is kept less often,
// no name is lost).
func (s *scanner) tableRow(p int, glue []byte) byte {
	sep := byte(0)
	for _, c := range glue {
		switch c {
		case ',', '\t', '|':
			if sep != 0 && sep != c {
				return 0
			}
			sep = c
		case ' ':
		default:
			return 0
		}
	}
	if sep == 0 {
		return 0
	}
	lo := max(0, p-maxTableLook)
	q := p
	for q > lo && s.text[q-1] != '\n' {
		step()
		q--
	}
	if q == 0 || s.text[q-1] != '\n' {
		return 0
	}
	for q--; q > lo && s.text[q-1] != '\n'; q-- {
		step()
		if s.text[q-1] == sep {
			return sep
		}
	}
	return 0
}

// tableWord reports whether text[start:end], set off from a mobile by
// glue in the record holding text[p], is a table's cell that is no name:
// the record is a table's row (tableRow) and the cell starts with no
// surname (小米, 已发货, 待付款 under 品牌 or 状态; 王小明 is still taken).
// The cells under a name column are names by their header (tableNames),
// found before.
func (s *scanner) tableWord(p, start, end int, glue []byte) bool {
	sep := s.tableRow(p, glue)
	if sep == 0 {
		return false
	}
	t := s.text[start:end]
	_, size := decodeRune(t)
	return !surnames.has(t[:size]) && !compoundSurname(t)
}

// maxTableLook bounds the bytes read back from a record for the line
// before it (tableRow).
const maxTableLook = 256

// trimEmphasis returns text[start:end] without the underscores that
// draw it in italics (_小叶_ is 小叶): a run of one or two at each end, of
// the same length. An underscore at one end alone is the handle's own
// (_abc, abc_), and the segment is read with it. The other emphasis
// marks are no segment's characters: they are read as glue or around a
// record's start or end.
func (s *scanner) trimEmphasis(start, end int) (int, int) {
	a, b := 0, 0
	for a < 3 && start+a < end && s.text[start+a] == '_' {
		a++
	}
	for b < 3 && end-b > start+a && s.text[end-b-1] == '_' {
		b++
	}
	if a == 0 || a != b || a > 2 {
		return start, end
	}
	return start + a, end - b
}

// segmentBefore returns the contact segment that ends, past separators,
// where the mobile text[pos:mobileEnd] starts: text[start:end] starts a
// record the mobile ends.
func (s *scanner) segmentBefore(pos, mobileEnd int) (int, int, bool) {
	end, ok := s.segmentGlueBefore(pos)
	if !ok || !s.recordEndsAt(mobileEnd) {
		return 0, 0, false
	}
	start, ignored := end, 0
	for start > 0 {
		step()
		r, size := lastRune(s.text, start)
		switch {
		case classifyRune(r).kind == uIgnore && !isSegmentRune(r):
			if ignored++; ignored > maxSegmentIgnored {
				return 0, 0, false
			}
		case isSegmentRune(r):
		case endsRecord(r), r == '"' && s.jsonValueStartAt(start-size):
			return start, end, start < end
		case s.recordStartsAt(start):
			return start, end, start < end // after a Markdown mark (- 小叶)
		default:
			return 0, 0, false // inside a sentence or a field: no record starts here
		}
		start -= size
		if end-start > maxSegmentBytes+ignored*3 {
			return 0, 0, false
		}
	}
	return start, end, start < end
}

// segmentAfter returns the contact segment that starts, past separators,
// where the mobile text[mobileStart:pos] ends: text[start:end] ends a
// record the mobile starts.
func (s *scanner) segmentAfter(mobileStart, pos int) (int, int, bool) {
	start, ok := s.segmentGlueAfter(pos)
	if !ok || !s.recordStartsAt(mobileStart) {
		return 0, 0, false
	}
	end, ignored := start, 0
	for end < len(s.text) {
		step()
		r, size := decodeRune(s.text[end:])
		switch {
		case classifyRune(r).kind == uIgnore && !isSegmentRune(r):
			if ignored++; ignored > maxSegmentIgnored {
				return 0, 0, false
			}
		case isSegmentRune(r):
		case endsRecord(r), r == '"' && s.jsonValueEndAt(end):
			return start, end, start < end
		case s.recordEndsAt(end):
			return start, end, start < end // before emphasis or a pipe (**王小明**)
		default:
			return 0, 0, false
		}
		end += size
		if end-start > maxSegmentBytes+ignored*3 {
			return 0, 0, false
		}
	}
	return start, end, start < end
}

// segmentName reports whether the contact segment text[start:end] may be
// who the number belongs to: read without its invisible characters, it
// starts with a letter or a Han character and ends with no mark, holds at
// most maxSegmentHan Han characters and a letter or a Han character
// besides digits, no character three times in a row (汗汗汗), no particle
// or pronoun (我在这里, 快来绑定吧), and is no label, no listed word and
// holds none, nor ends like a place or an institution (nameShaped).
func (s *scanner) segmentName(start, end int) bool {
	var buf [maxSegmentBytes]byte
	t := buf[:0]
	han, letters, numerals := 0, 0, 0
	var prev, prev2 rune
	for p := start; p < end; {
		step()
		r, size := decodeRune(s.text[p:])
		p += size
		if !isSegmentRune(r) {
			continue // invisible: passed over
		}
		if len(t)+size > len(buf) {
			return false
		}
		t = append(t, s.text[p-size:p]...)
		switch {
		case r < utf8.RuneSelf && isASCIILetter(byte(r)):
			letters++
		case isSegmentMark(r): // 丶 is a Han character too, drawn as a mark
		case isCJKDigit(r):
			numerals++ // 一沫, 三毛: counted as characters, not as letters of a name
		case isHan(r):
			han++
			if notNameChars.has(s.text[p-size : p]) {
				return false // a particle or a pronoun: a phrase's mark
			}
		}
		if r == prev && r == prev2 {
			return false
		}
		prev2, prev = prev, r
	}
	if len(t) == 0 || han > maxSegmentHan || han+letters == 0 {
		return false
	}
	first, _ := decodeRune(t)
	last, _ := lastRune(t, len(t))
	if isSegmentMark(first) || isSegmentMark(last) || first < utf8.RuneSelf && isASCIIDigit(byte(first)) {
		return false
	}
	if isLabelWord(t) || inAny(t, &commonWords, &notNames, &nonValues) || holdsListedWord(t) {
		return false
	}
	if han == 0 && notNamesLatin.has(lowerLetters(t)) {
		return false // Hello, VIP: a greeting or a tag, in any case
	}
	if letters == 0 {
		if surnameTitle(t) {
			return true // a surname and a title (宋院长): whom the number reaches
		}
		n := han + numerals // the marks (张_潞淼) are not counted
		if n == 1 {
			return surnames.has(t) // 曾: a surname alone; 租, 售, 急 are an ad's words
		}
		// two or three characters: four or more are as often a shop's,
		// a service's or an ad's words (小区物业中心, 欢迎光临呀, 新鲜的
		// 水果) as a nickname (小叶子呀, 孤单的旅人), and no rule of their
		// shape told them apart (attack pass 49b: the long nicknames of
		// fix49 masked them; docs/threat-model.md keeps them open). A
		// compound surname and a given name (司马娜娜) are a name
		if n > maxSegmentHanOnly && !(n == maxSegmentHanOnly+1 && compoundSurname(t)) {
			return false
		}
		return nameShaped(t, true) // no place's or institution's final
	}
	return han > 0 || letters > 2 // ok, Hi: a reply or a greeting
}

// maxSegmentHanOnly bounds a contact segment of Han characters alone.
const maxSegmentHanOnly = 3

// segmentNameBefore records the contact segment before the mobile hit h
// as a name, when it may be one (segmentName) and no hit covers it;
// sorted is the count of the sorted hits (covered). A segment of ASCII
// alone needs a Chinese separator (，、：) after it.
func (s *scanner) segmentNameBefore(h hit, sorted int) {
	start, end, ok := s.segmentBefore(h.Start, h.End)
	if !ok || asciiOnly(s.text[start:h.Start]) || s.tableWord(start, start, end, s.text[end:h.Start]) {
		// letters alone set off by ASCII separators before a mobile are
		// as often a protocol's or a log's field (data: 138…, payload
		// 138…, epilogue 138…) as a handle: kitty，138… is read, kitty
		// 138… is not
		return
	}
	if start, end = s.trimEmphasis(start, end); !s.covered(start, end, sorted) && s.segmentName(start, end) {
		s.emitName(start, end, EvProximity)
	}
}

// segmentNameAfter records the contact segment after the mobile hit h as
// a name, as segmentNameBefore does the one before it.
func (s *scanner) segmentNameAfter(h hit, sorted int) {
	start, end, ok := s.segmentAfter(h.Start, h.End)
	if !ok || s.tableWord(h.Start, start, end, s.text[h.End:start]) {
		return
	}
	if start, end = s.trimEmphasis(start, end); !s.covered(start, end, sorted) && s.segmentName(start, end) {
		s.emitName(start, end, EvProximity)
	}
}

// surnameTitle reports whether the Han token t is a surname of one or
// two characters and a title or role of nonvalues.txt (宋院长, 皇甫经理).
func surnameTitle(t []byte) bool {
	p := 0
	for range 2 {
		_, size := decodeRune(t[p:])
		p += size
		if p >= len(t) {
			return false
		}
		if surnames.has(t[:p]) && nonValues.has(t[p:]) {
			return true
		}
	}
	return false
}

// compoundSurname reports whether t starts with a surname of two
// characters (司马, 欧阳).
func compoundSurname(t []byte) bool {
	_, a := decodeRune(t)
	if a >= len(t) {
		return false
	}
	_, b := decodeRune(t[a:])
	return surnames.has(t[:a+b])
}

// lowerLetters returns the ASCII letters of t in lower case, in place
// (t is the segment's own copy).
func lowerLetters(t []byte) []byte {
	for i, c := range t {
		t[i] = lowerASCII(c)
	}
	return t
}
