package detect

import "bytes"

// The parts of real addresses that the address reader looks at: dashed
// building numbers, counts that are no house numbers, parentheses, spaces
// and commas between parts, numbers in Chinese numerals, villages, and the
// numbers glued on after an address.

// dashedRoomAt reports whether the short number text[start:end] is a
// dashed room number (11-6-1) after an address part: the full reading of
// numbers then looks for its address.
func (s *scanner) dashedRoomAt(start, end int) bool {
	return s.e.enabled.has(addressIndex) && s.lastAddrPart >= 0 && end-s.lastAddrPart <= 3*maxAddressRunes &&
		hasDashedRoom(s.text[start:end])
}

// maxDashedRoomBytes bounds how far back a dashed room number is read.
const maxDashedRoomBytes = 20

// dashedRoomBefore reports whether the number that ends at text[end] is a
// dashed building-unit-room number (11-6-1, B4-1-6-2).
func (s *scanner) dashedRoomBefore(end int) bool {
	// no dash among the bytes the walk below may read: no groups (most
	// numbers, an ID, a phone, a card, are answered by this search alone)
	if bytes.IndexByte(s.text[max(0, end-maxDashedRoomBytes):end], '-') < 0 {
		return false
	}
	start, dash := end, false
	for start > 0 && end-start < maxDashedRoomBytes {
		step()
		b := s.text[start-1]
		if !isASCIIDigit(b) && !isASCIILetter(b) && b != '-' {
			break
		}
		dash = dash || b == '-'
		start--
	}
	// letters and digits alone join no groups: most numbers (an ID, a
	// phone, a card) are answered without a second reading
	return dash && hasDashedRoom(s.text[start:end])
}

// countLeads are the characters that, right before a number, make it a
// count rather than a house or room number (共102层, 仅有2578户, 约30室,
// 高82层), an ordinal (第3号选手), or a day of the month (3月5号).
const countLeads = "共有约达近超逾计仅才总合每各为是了的和与及至到几多高月第"

// countBefore reports whether the digits that end at text[end] follow a
// count lead.
func (s *scanner) countBefore(end int) bool {
	p := s.numberStart(end)
	if p == end {
		return false
	}
	r, _ := lastRune(s.text, p)
	return countLeadSet.has(r)
}

// countLeadSet is countLeads as a set, tested before every house number.
var countLeadSet = newBMPSet(countLeads)

// districtEndSet holds the administrative parts a street number never
// follows directly (省 市 区 县 旗 州): a road, street or estate comes
// between (天河区体育西路10号). Each is one three-byte character.
var districtEndSet = newBMPSet("省市区县旗州區縣")

// dayAfterDistrict reports whether the digits that end at text[end], whose
// marker starts at text[mark] (markerAfterNumber), stand
// right after a district, with no road, village or estate before them, and
// before a bare 号 (not 号楼, 号院): the day of a month (广州市天河区10号
// 上午见), not a street number. After a street, 区 names a part of an
// estate (锦苑路锦苑三区南区178号, 光明小区19号), whose numbers are houses.
func (s *scanner) dayAfterDistrict(end, mark int) bool {
	if !bytes.HasPrefix(s.text[mark:], []byte("号")) {
		return false
	}
	p := s.numberStart(end)
	if p == end {
		return false
	}
	step()
	if p < 3 {
		return false
	}
	// the bytes before p end with one of them exactly when their last
	// three decode to it; the tests are asked the cheapest first (most
	// numbers follow no district)
	if r, ok := cjkRune(s.text[p-3 : p]); !ok || !districtEndSet.has(r) {
		return false
	}
	return markerLen(s.text[mark:], mResidence) == 0 && !s.streetBefore(p) // not 号楼, 号院
}

// streetBefore reports whether a street, village or estate marker stands
// in the text that ends at text[p], read back to a stop character and at
// most maxAddressRunes characters.
func (s *scanner) streetBefore(p int) bool {
	for n := 0; p > 0 && n < maxAddressRunes; n++ {
		step()
		r, size := lastRune(s.text, p)
		if r < 0x10000 && addressStops.has(r) {
			return false
		}
		p -= size
		if markerLen(s.text[p:], mStreet) > 0 {
			return true
		}
	}
	return false
}

// numberStart returns where the digits (and 十, 百) that end at text[end]
// start, reading back at most maxAddressRunes characters.
func (s *scanner) numberStart(end int) int {
	if end == s.numStartEnd {
		return s.numStartAt
	}
	p := end
	for n := 0; n < maxAddressRunes && p > 0; n++ {
		step()
		if isASCIIDigit(s.text[p-1]) {
			p-- // what the tests below do with an ASCII digit
			continue
		}
		if p >= 3 {
			if r, ok := cjkRune(s.text[p-3 : p]); ok && noNumeralHan(r) {
				break // what the tests below do with a three-byte character of no number
			}
		}
		u, at, ok := unitBefore(s.text, p)
		if !ok {
			break
		}
		if r, _ := decodeRune(s.text[at:]); u.kind != uDigit && !isHanTen(r) {
			break
		}
		p = at
	}
	s.numStartEnd, s.numStartAt = end, p
	return p
}

// maxBracketRunes bounds a parenthesis inside an address (金色家园（兰苑）).
const maxBracketRunes = 24

// bracketEnd returns where the parenthesis opened at text[open] closes
// (after the closing mark), or 0 when it does not close within
// maxBracketRunes characters or holds a stop character.
func bracketEnd(text []byte, open int) int {
	_, size := decodeRune(text[open:])
	for p, n := open+size, 0; p < len(text) && n < maxBracketRunes; n++ {
		step()
		r, sz := decodeRune(text[p:])
		switch {
		case r == ')' || r == '）' || r == '】' || r == ']':
			return p + sz
		case r == '(' || r == '（' || r == '【' || r == '[' || r == '\n' || r == '，' || r == '。' || r == '；' || r == ',' || r == ';':
			return 0
		}
		p += sz
	}
	return 0
}

// bracketStart returns where the parenthesis closed at text[close] opens,
// or -1, reading back at most maxBracketRunes characters.
func bracketStart(text []byte, close int) int {
	for p, n := close, 0; p > 0 && n < maxBracketRunes; n++ {
		step()
		r, sz := lastRune(text, p)
		p -= sz
		switch {
		case r == '(' || r == '（' || r == '【' || r == '[':
			return p
		case r == ')' || r == '）' || r == '】' || r == ']' || r == '\n' || r == '，' || r == '。' || r == '；' || r == ',' || r == ';':
			return -1
		}
	}
	return -1
}

// isOpenBracket reports the brackets that open a parenthesis inside an
// address.
func isOpenBracket(r rune) bool { return r == '(' || r == '（' || r == '【' }

// isCloseBracketRune reports the brackets that close a parenthesis inside
// an address.
func isCloseBracketRune(r rune) bool { return r == ')' || r == '）' || r == '】' }

// isAddressSpace reports a space (ASCII or ideographic) at text[at].
func isAddressSpace(text []byte, at int) bool {
	// U+3000 is E3 80 80: compared as bytes, no character decoded
	return text[at] == ' ' || len(text)-at >= 3 && text[at] == 0xE3 && text[at+1] == 0x80 && text[at+2] == 0x80
}

// spaceBeforeMarker reports whether the gap at text[at], which ends at
// text[next] (a space of any kind, a run of emphasis stars: addressgaps.go),
// stands between a number and its street-number or residence marker (103
// 号, 3\u00a0栋, 3**栋): one part of an address, spaced.
func (s *scanner) spaceBeforeMarker(at, next int) bool {
	if next = markerAfterNumber(s.text, next); next >= len(s.text) || !hasMarkerPrefix(s.text[next:], mNumber|mResidence) {
		return false
	}
	u, _, ok := unitBefore(s.text, numberEndBefore(s.text, at))
	return ok && u.kind == uDigit
}

// numberGluedAt reports whether the letters or digits that end at
// text[end] run on into a number that starts there, perhaps after
// invisible characters and one separator (…B4-138…, …C\u200b3211…,
// …1707 7554…): an address ending there would leave a number whose
// reading the redaction could change. A mask ('*', '[') counts as such a
// number: it replaced one.
func (s *scanner) numberGluedAt(end int) bool {
	if end >= 3 {
		if r, ok := cjkRune(s.text[end-3 : end]); ok && isHan(r) {
			// a Han character before end (most addresses end with 号, 室
			// …): no invisible character, letter or digit, where the walk
			// below stops at once
			return false
		}
	}
	last := end // where the last visible unit before end ends
	for n := 0; last > 0 && n <= maxGapIgnored; n++ {
		step()
		u, at, ok := unitBefore(s.text, last)
		if !ok || u.kind != uIgnore {
			break
		}
		last = at
	}
	if last == 0 || end >= len(s.text) || !isASCIIDigit(s.text[last-1]) && !isASCIILetter(s.text[last-1]) {
		return false
	}
	space := false
	for p, n := end, 0; p < len(s.text) && n <= maxGapIgnored; n++ {
		step()
		if c := s.text[p]; c == '*' || c == '[' {
			return true
		}
		u := decodeUnit(s.text, p)
		switch {
		case u.kind == uIgnore:
		case u.kind == uSep && p == end && (u.val == '-' || u.val == '/' || u.val == '.' || u.val == ' '):
			space = u.val == ' '
		case space:
			// after a space only the next group of a spaced number is glued
			// on (1707 7554 035), not a whole phone or ID of its own
			return u.kind == uDigit && !s.longDigitRun(p)
		default:
			return u.kind == uDigit || u.kind == uLetter
		}
		p += u.size
	}
	return false
}

// hasDigit reports whether t holds an ASCII digit.
func hasDigit(t []byte) bool {
	for _, b := range t {
		step()
		if isASCIIDigit(b) {
			return true
		}
	}
	return false
}

// startsWithRoom reports whether t starts with a building or room number:
// one to five digits, perhaps after a letter (B3栋, 1201室), not followed
// by a space (138 1234 5678 is a phone).
func startsWithRoom(t []byte) bool {
	if len(t) > 1 && isASCIILetter(t[0]) {
		t = t[1:]
	}
	n := 0
	for n < len(t) && n <= 5 && isASCIIDigit(t[n]) {
		step()
		n++
	}
	return n > 0 && n <= 5 && (n == len(t) || t[n] != ' ' && t[n] != '\t')
}

// maxEstateRunes bounds the name of an estate read after a space
// (书香名邸29栋1307室).
const maxEstateRunes = 16

// estateAfter reports whether an estate and a residence number start at
// text[p] (书香名邸29栋1307室): Han characters that start no field label,
// then digits and a residence marker. After a house number and a space
// this is the rest of a space-separated address, with no label before it
// as with one.
func (s *scanner) estateAfter(p int) bool {
	for n := 0; p < len(s.text) && n < maxEstateRunes; n++ {
		step()
		r, size := decodeRune(s.text[p:])
		if !isHan(r) || isFieldLabelAt(s.text, p) {
			break
		}
		p += size
	}
	d := 0
	for p < len(s.text) && d < 6 && isASCIIDigit(s.text[p]) {
		step()
		p++
		d++
	}
	return d > 0 && markerLen(s.text[markerAfterNumber(s.text, p):], mResidence) > 0 // 29栋, 3 幢
}

// isPartComma reports the commas that may separate the parts of an
// address typed into one field.
func isPartComma(r rune) bool { return r == '，' || r == ',' || r == '、' }

// partAfter reports whether another part of an address starts at text[p]:
// a Han character, a letter or a digit, and no label of another field.
func (s *scanner) partAfter(p int) bool {
	if p >= len(s.text) || isFieldLabelAt(s.text, p) {
		return false
	}
	r, _ := decodeRune(s.text[p:])
	c, _ := wideASCIIAt(s.text, p) // a letter in ASCII or full-width (Ｎｏ．2501)
	return isHan(r) || startsWithRoom(s.text[p:]) || isASCIILetter(c)
}

// isAddressDash reports the dashes of 12-3-401 and 86—118室.
func isAddressDash(r rune) bool { return r == '-' || r == '—' || r == '－' || r == '–' }

// isHanNumeral reports the Chinese numerals: a number of an address only
// before a marker (三号楼), otherwise a word's (张三, 三楼下).
func isHanNumeral(r rune) bool { return isHanTen(r) || isCJKDigit(r) }

// isHanTen reports the Chinese numerals that are no digit but count in a
// house number (十号, 二十一栋).
func isHanTen(r rune) bool { return r == '十' || r == '百' }

// longDigitRun reports whether a phone number or an identifier is glued to
// the address at text[i]: eleven digits that start like a mobile, or
// fifteen or more. Other digits glued on (5单元20300000) stay in the
// address, whose numbers they are.
func (s *scanner) longDigitRun(i int) bool {
	n := 0
	for i+n < len(s.text) && n <= maxWindowDigits && isASCIIDigit(s.text[i+n]) {
		step()
		n++
	}
	return n == 11 && cnMobilePrefixOK(s.text[i:i+n]) || n >= 15
}

// villageAfterAdmin reports whether t names a village (村) after its last
// administrative part: the address goes down below the district.
func villageAfterAdmin(t []byte) bool {
	return bytes.Contains(t[lastMarkerEnd(t, mAdmin):], []byte("村"))
}

// hasDashedRoom reports the 12-3-401 numbering of building, unit and room
// (B4-1-6-2 with a letter in front): three or four groups of digits joined
// by dashes, each but the last of at most three digits, the last of at
// most five (a date, 2019-01-02, or a phone, 010-1234-5678, is none).
func hasDashedRoom(t []byte) bool {
	if !hasAddressDash(t) {
		return false // no dash, no group: what the walk below finds, without decoding t
	}
	groups, digits, long := 0, 0, false
	for pos := 0; pos < len(t); {
		step()
		u, r := unitRuneAt(t, pos)
		pos += u.size
		switch {
		case u.kind == uDigit:
			digits++
		case isAddressDash(r) && digits > 0:
			groups++
			long = long || digits > 3
			digits = 0
		default:
			if groups >= 2 && groups <= 3 && digits > 0 && digits <= 5 && !long {
				return true
			}
			groups, digits, long = 0, 0, false
		}
	}
	return groups >= 2 && groups <= 3 && digits > 0 && digits <= 5 && !long
}

// hasAddressDash reports whether t holds one of the dashes of
// isAddressDash, written as itself: hasDashedRoom counts a group only at
// one of them, and the units it reads are decoded from their own bytes.
func hasAddressDash(t []byte) bool {
	if bytes.IndexByte(t, '-') >= 0 {
		return true
	}
	// the others start with 0xE2 (—, –) or 0xEF (－), which an address
	// seldom holds: each is looked for only where its first byte is
	return bytes.IndexByte(t, dashEm[0]) >= 0 && (bytes.Contains(t, dashEm) || bytes.Contains(t, dashEn)) ||
		bytes.IndexByte(t, dashFullWidth[0]) >= 0 && bytes.Contains(t, dashFullWidth)
}

// dashEm, dashFullWidth and dashEn are the dashes of isAddressDash beyond
// ASCII, as UTF-8.
var dashEm, dashFullWidth, dashEn = []byte("—"), []byte("－"), []byte("–")

// roomWords are the English words and abbreviations of a room (Room
// 2501, Rm.2501, Apt #2501) that roomAfter reads before a number; the
// last, "no" (No.2501), only glued to the address and before its '.',
// ':' or '#' (after a comma or a space, No. 1 is any ranking's).
var roomWords = []string{"room", "rm", "apt", "flat", "unit", "no"}

// roomAfter returns where the number of a room written in English starts
// after text[p] (attack pass 45, F5; attack pass 46, F8; attack pass 47,
// F4): a gap (markerAfterNumber's: spaces of any kind, invisible
// characters, a run of emphasis delimiters), one of roomWords in any case,
// in ASCII or full-width letters (Ｒｍ．2501, ＃2501: attack pass 49),
// with invisible characters between its letters (R\u200bm), that no letter
// continues, a gap, at most one of '.', ':', '#' and a gap again, then an
// ASCII digit; or a bare '#' and a gap before the digit (3幢 #2501). It
// returns 0 when no such room starts there, and how many stars opened
// emphasis in its gaps (Room **2501**, **Room 2501**: closesRoom). glued
// says the word starts at text[p] (no gap, no comma before it): only then
// is "no" read.
func roomAfter(text []byte, p int, glued bool) (int, int) {
	if roomCannotStart(text, p) {
		return 0, 0
	}
	return roomAfterRead(text, p, glued)
}

// roomCannotStart reports that no room written in English starts at
// text[p]: the text ends there, or an ASCII digit or a Han character (a
// lead byte E4 to E9) stands there, which starts no gap
// (markerAfterNumber stops on it at once), is neither '#' nor a letter of
// a word (wideASCIIAt reads a Han character as none): what
// roomAfterRead finds there, at one look (most addresses end at a comma
// and a number or a character: TestRoomCannotStart).
func roomCannotStart(text []byte, p int) bool {
	return p >= len(text) || isASCIIDigit(text[p]) || text[p] >= 0xE4 && text[p] <= 0xE9
}

// roomAfterRead is roomAfter's reading of the text at text[p].
func roomAfterRead(text []byte, p int, glued bool) (int, int) {
	words := roomWords
	if !glued {
		words = roomWords[:len(roomWords)-1]
	}
	p = markerAfterNumber(text, p)
	open := starRunBefore(text, p)
	c, size := wideASCIIAt(text, p)
	if c == '#' {
		if q := markerAfterNumber(text, p+size); wideDigitAt(text, q) {
			return q, open + starRunBefore(text, q)
		}
		return 0, 0
	}
	for _, w := range words {
		step()
		if w[0] != c|0x20 {
			continue // its first letter is not there (nor any letter, when size is 0): what the walk below finds at once
		}
		q := p
		for k := 0; k < len(w) && q < len(text); k++ {
			if k > 0 {
				q = skipInvisibleAt(text, q)
			}
			c, size := wideASCIIAt(text, q)
			if size == 0 || c|0x20 != w[k] {
				q = -1
				break
			}
			q += size
		}
		if c, _ := wideASCIIAt(text, q); q < 0 || q >= len(text) || isASCIILetter(c) {
			continue
		}
		q = markerAfterNumber(text, q)
		if c, size := wideASCIIAt(text, q); c == '.' || c == ':' || c == '#' {
			q = markerAfterNumber(text, q+size)
		} else if w == "no" {
			return 0, 0 // Nobody, No 1: no room
		}
		if wideDigitAt(text, q) {
			return q, open + starRunBefore(text, q)
		}
		return 0, 0 // no number after the word: no other word starts the same way
	}
	return 0, 0
}

// wideDigitAt reports whether an ASCII digit, or its full-width form,
// stands at text[p].
func wideDigitAt(text []byte, p int) bool {
	c, _ := wideASCIIAt(text, p)
	return isASCIIDigit(c)
}

// closesRoom reports whether the stars at text[p], right after the number
// of a room written in English (roomAfter), are emphasis around it rather
// than a mask glued on: one to maxEmphasisStars, with no letter, digit,
// '@' or '[' glued after them. As many as opened it close it (Room
// **2501**, **Room 2501**); a renderer draws a run that closes nothing
// opened, or that differs from the opening one (**Room 2501*, Room
// 2501**: attack pass 49), as stars around a room that is still one. A
// mask's stars are longer than a run of emphasis (emphasis.go), so such a
// run is no mask and no number glued on (numberGluedAt). open is -1 when
// no room was read.
func closesRoom(text []byte, p, open int) bool {
	if open < 0 || open > maxEmphasisStars {
		return false
	}
	k, e := delimRunAt(text, p, '*')
	return k >= 1 && k <= maxEmphasisStars && (e == len(text) || !isASCIIDigit(text[e]) && !isASCIILetter(text[e]) && text[e] != '@' && text[e] != '[')
}

// skipInvisibleAt returns where the invisible characters from text[p]
// end, at most maxGapIgnored of them.
func skipInvisibleAt(text []byte, p int) int {
	for n := 0; n < maxGapIgnored && p < len(text); n++ {
		if b := text[p]; b < 0x80 && b != '&' && asciiClass[b].kind != uIgnore {
			return p // ASCII that is read: at one look
		}
		step()
		u := decodeUnit(text, p)
		if u.kind != uIgnore {
			return p
		}
		p += u.size
	}
	return p
}
