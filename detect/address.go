package detect

import (
	"bytes"
	"unicode/utf8"
)

// Addresses: 省 → 市 → 区/县 → 路/街 → 号 → 栋/单元/室. An address is
// personal when it reaches a street number or a residence; it is reported
// only with a label or key, or next to other personal data.

const maxAddressRunes = 64

// addressIndex is the registry place of cn_address, for the tests made on
// every number of whether addresses are looked for.
var addressIndex = catIndex(CNAddress.index())

// addressStop are characters that end an address.
const addressStop = "，。；;,\n\r\t、！？!?)）」』】\"'<>|"

// addressStops is addressStop as a set, tested on every character an
// address is read through.
var addressStops = newBMPSet(addressStop)

// addressFrom reads an address that starts at text[pos] (after a label, or
// from the start of a key-hinted value) and returns its end, or 0.
func (s *scanner) addressFrom(pos int, ev Evidence) int {
	end, house := s.addressEnd(pos, true)
	return s.emitAddress(pos, end, house, ev)
}

// addressAt looks for an address around a number that ends at text[numEnd]
// and is followed by an address marker (号, 栋, 室 …) or is itself a
// dashed building-unit-room number (新秀街11-6-1); it returns the
// address's end, or 0.
func (s *scanner) addressAt(numEnd int) int {
	if s.lastAddrPart < 0 || numEnd-s.lastAddrPart > 3*maxAddressRunes {
		return 0 // no 省/市/区/路/街 … before it: no address to find
	}
	mark := markerAfterNumber(s.text, numEnd) // 917\u200b号, 917 号
	if (mark >= len(s.text) || !hasMarkerPrefix(s.text[mark:], mNumber|mResidence)) && !s.dashedRoomBefore(numEnd) {
		return 0
	}
	if s.countBefore(numEnd) || s.dayAfterDistrict(numEnd, mark) {
		return 0 // 共102层, 仅有2578户, 天河区10号上午见: a count or a day, not a house number
	}
	start := numEnd
	inner, open := 0, -1 // where the walk was before it went back to an open bracket, and the bracket
	for runes := 0; start > 0 && runes < maxAddressRunes; runes++ {
		step()
		if start >= 3 && start-3 >= s.lastHitEnd {
			if r, ok := cjkRune(s.text[start-3 : start]); ok && addressHan.has(r) &&
				(plainAddressHan.has(r) || !(labels.mayMatchAt(s.text, start-3) && isFieldLabelAt(s.text, start-3))) {
				start -= 3 // what the walk below does with it, without its tests
				continue
			}
		}
		if start-1 >= s.lastHitEnd && isASCIIDigit(s.text[start-1]) {
			start-- // what the walk below does with a digit, without its tests
			continue
		}
		u, at, ok := unitBefore(s.text, start)
		if !ok {
			break
		}
		r, _ := decodeRune(s.text[at:]) // the character written at text[at], once for every test below
		if at >= s.lastHitEnd && (partSpaceAt(s.text, at) == start-at && endsWithPlaceMarker(s.text[:at]) ||
			addressSpaceAt(s.text, at) == start-at && s.spaceBeforeMarker(at, start)) {
			start = at // 山东省 青岛市 李沧区, 103 号, 917\u00a0号: the parts of a space-separated address
			continue
		}
		if r < utf8.RuneSelf && isEmphasisDelim(byte(r)) && at >= s.lastHitEnd {
			_, from := delimRunBefore(s.text, start, byte(r))
			if k := s.emphasisInAddress(from, start); k > 0 && start-k >= s.lastHitEnd {
				start -= k // 建设路**917**号, 3**幢, 3幢__2501__室: emphasis on a number of the address
				continue
			}
		}
		if at >= s.lastHitEnd && isOpenBracket(r) {
			start = at // 西院（湓浦路284号）: the number sits inside a parenthesis
			continue
		}
		if isCloseBracketRune(r) {
			if open := bracketStart(s.text, at); open >= s.lastHitEnd && open > 0 {
				runes += utf8.RuneCount(s.text[open:at]) // the parenthesis counts against the limit
				start = open
				continue
			}
		}
		if at < s.lastHitEnd {
			break
		}
		if !s.addressUnitRune(u, at, r) {
			// inside a parenthesis that closes after the number (设( 设路0号)),
			// the address is read through the parenthesis whole, as
			// addressEnd reads it and as a walk back from after it would
			// (a comma, a semicolon, a line or a closing bracket right
			// before start ends what bracketStart reads at once: none)
			if c := s.text[start-1]; c == ',' || c == ';' || c == '\n' || c == ')' || c == ']' {
				break
			}
			if o := bracketStart(s.text, start); o >= s.lastHitEnd && o > 0 && bracketEnd(s.text, o) > numEnd {
				runes += utf8.RuneCount(s.text[o:start])
				inner, open, start = start, o, o
				continue
			}
			break
		}
		start = at
	}
	start = trimAddressLead(s.text, start, numEnd)
	if open >= 0 && start > open && start < inner {
		start = inner // the parenthesis opens the address: read from where the walk stopped inside it
	}
	if start == numEnd {
		return 0
	}
	end, house := s.addressEnd(start, false)
	return s.emitAddress(start, end, house, 0)
}

// plainPlaceHan holds the Han characters that are read as uOther (no
// numeral) and start no marker, and so are no space, bracket, stop or
// separator either: keepDistrict reads through them with nothing to
// decide.
var plainPlaceHan = func() (t bmpSet) {
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if isHan(r) && classifyRune(r).kind == uOther && !isMarkerStart(r) &&
			!addressStops.has(r) && !isOpenBracket(r) && !isCloseBracketRune(r) && !isNameDot(r) && !isPartComma(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// addressHan holds the Han characters that are read as uOther and are no
// space, bracket, stop, name dot or separator: plainPlaceHan and the
// characters that start a marker. The walks over an address read through
// them after asking only whether a label or a marker starts there.
var addressHan = func() (t bmpSet) {
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if u := classifyRune(r); isHan(r) && u.kind == uOther && u.val != '#' &&
			!addressStops.has(r) && !isOpenBracket(r) && !isCloseBracketRune(r) && !isNameDot(r) && !isPartComma(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// plainAddressHan is plainPlaceHan without the characters a label starts
// with: addressAt's walk back over an address reads through them with
// nothing more to decide.
var plainAddressHan = func() (t bmpSet) {
	for k := range t {
		t[k] = plainPlaceHan[k] &^ labels.starts[k]
	}
	return t
}()

// quietAddressHan is addressHan without the characters a label or a
// number or residence marker starts with: addressEnd reads through them
// with nothing to decide (at the others it asks whether a label or such
// a marker starts there).
var quietAddressHan = func() (t bmpSet) {
	var houseStarts bmpSet // the first characters of the number and residence markers
	for r, words := range markerWords {
		for _, m := range words {
			if m.kinds&(mNumber|mResidence) != 0 {
				houseStarts[r/64] |= 1 << (r % 64)
			}
		}
	}
	for k := range t {
		t[k] = addressHan[k] &^ labels.starts[k] &^ houseStarts[k]
	}
	return t
}()

// addressUnitRune reports whether the unit u at text[at], where the
// character r is written, can sit inside an address.
func (s *scanner) addressUnitRune(u unit, at int, r rune) bool {
	switch u.kind {
	case uDigit, uLetter, uIgnore:
		return true
	case uSep:
		return u.val == '-' || u.val == '/' && at > 0 && (isASCIIDigit(s.text[at-1]) || isASCIILetter(s.text[at-1]))
	case uOther:
		if u.val == '#' {
			return true
		}
		return isHan(r) && !(labels.mayMatchAt(s.text, at) && isFieldLabelAt(s.text, at))
	}
	return false
}

func isFieldLabelAt(text []byte, at int) bool {
	lw, ok := labels.matchAt(text, at)
	return ok && lw.cats&^(1<<addressIndex) != 0
}

// maxTrailRunes bounds what an address keeps after its last marker to
// reach its last number (奥林花园1409, 2栋A602, 3门504).
const maxTrailRunes = 16

// addressEnd returns where an address starting at pos ends: at a stop
// character, a label of another field, a long digit run (a phone or an ID
// glued on), or the rune limit. A parenthesis that closes soon is read
// through (金色家园（兰苑）5幢), a space only after a place marker (青岛市
// 李沧区). What follows the last marker is kept up to the last number a few
// characters on; text after that is left out. A trusted address (behind a
// label or key) also reads through any space between its parts, and
// through a comma after a place that has no number yet (深圳市南山区，科技园
// 南区5栋). It also returns where it first read a number or residence
// marker right after an ASCII digit past pos (0 for none): a house number
// that houseNumberIn may find without its own walk.
func (s *scanner) addressEnd(pos int, trusted bool) (int, int) {
	rec := s.addr.begin(pos)
	end, lastMark, lastNum, house := pos, 0, 0, 0
	markRunes, numRunes := 0, 0
	prevAlnum := false // the unit before was a digit, or a letter after one
	roomOpen := -1     // the stars that opened a room written in English (roomAfter); -1 for no room
	for runes := 0; end < len(s.text) && runes < maxAddressRunes; runes++ {
		step()
		if r, ok := cjkRune(s.text[end:]); ok && addressHan.has(r) {
			// what the walk below does with it, without its tests: a label
			// or a marker may start here, nothing else
			if !quietAddressHan.has(r) {
				if end > pos && labels.mayMatchAt(s.text, end) && isFieldLabelAt(s.text, end) {
					break
				}
				if n := markerLen(s.text[end:], mResidence|mNumber); n > 0 {
					if house == 0 && end > pos && isASCIIDigit(s.text[end-1]) {
						house = end
					}
					rec.han(end, r)
					rec.span(s.text, end+3, end+n)
					end += n
					lastMark, markRunes, prevAlnum = end, runes, false
					continue
				}
			}
			rec.han(end, r)
			end += 3
			prevAlnum = false
			// the quiet characters that follow, in a loop of their own:
			// what this loop does with each of them, one rune each
			for runes+1 < maxAddressRunes {
				r, ok := cjkRune(s.text[end:])
				if !ok || !quietAddressHan.has(r) {
					break
				}
				if !recordQuietHan.has(r) {
					rec.han(end, r)
				}
				step()
				runes++
				end += 3
			}
			continue
		}
		if c := s.text[end]; isASCIIDigit(c) {
			// what the walk below does with a digit (no label starts with
			// one), without its tests
			// (eleven digits at least, the fifth and the tenth after this
			// one among them)
			if !prevAlnum && end+10 < len(s.text) && isASCIIDigit(s.text[end+10]) && isASCIIDigit(s.text[end+5]) && s.longDigitRun(end) {
				break // a phone or an ID glued to the address
			}
			end++
			lastNum, numRunes, prevAlnum = end, runes, true
			// the digits that follow, in a loop of their own, one rune each
			for runes+1 < maxAddressRunes && end < len(s.text) && isASCIIDigit(s.text[end]) {
				step()
				runes++
				end++
				lastNum, numRunes = end, runes
			}
			if end < len(s.text) && s.text[end] == '-' {
				lastMark, markRunes = end, runes // 12-3-401 numbering
			}
			continue
		}
		if end > pos && labels.mayMatchAt(s.text, end) && isFieldLabelAt(s.text, end) {
			break
		}
		u, r := unitRuneAt(s.text, end)
		if isOpenBracket(r) {
			close := bracketEnd(s.text, end)
			if close == 0 {
				break
			}
			if hasDigit(s.text[end:close]) {
				lastNum, numRunes = close, runes // （神州数码A10售楼处）
			}
			runes += utf8.RuneCount(s.text[end:close]) - 1 // the parenthesis counts against the limit
			rec.span(s.text, end, close)
			end, prevAlnum = close, false
			continue
		}
		if end > pos && lastMark > 0 && (addressSpaceAt(s.text, end) > 0 || isPartComma(r) || u.kind == uLetter && !isASCIILetter(s.text[end-1])) {
			from := end // the word, or the gap before it
			if isPartComma(r) {
				from += u.size
			}
			if room, open := roomAfter(s.text, from, u.kind == uLetter); room > 0 {
				// 3幢 Room 2501, 3幢, Rm . 2501, Apt #2501, 3幢 #2501: a room
				// written in English; open stars (Room **2501**, **Room 2501**)
				// close after its number
				rec.span(s.text, end, room)
				end, prevAlnum, roomOpen = room, false, open
				continue
			}
		}
		// a space of any width between two parts (917号\u00a03幢: &nbsp;
		// renders as the space of 917号 3幢), u.size long as read here
		if end > pos && (partSpaceAt(s.text, end) == u.size && (trusted && (s.partAfter(end+u.size) || s.letterSpaced(pos, end, u.size)) ||
			endsWithPlaceMarker(s.text[pos:end]) || startsWithRoom(s.text[end+u.size:]) ||
			s.emphasisInAddress(end+u.size, emphasisRunAt(s.text, end+u.size)) > 0 || // 3幢 *2501* 室
			s.endsInHouseMark(end) && s.estateAfter(end+u.size)) ||
			addressSpaceAt(s.text, end) == u.size && s.spaceBeforeMarker(end, end+u.size)) {
			rec.span(s.text, end, end+u.size)
			end += u.size
			prevAlnum = false
			continue
		}
		if r < utf8.RuneSelf && isEmphasisDelim(byte(r)) {
			if k := s.emphasisInAddress(end, emphasisRunAt(s.text, end)); k > 0 {
				rec.span(s.text, end, end+k)
				end += k // 建设路**917**号, 3**幢, 3幢__2501__室: emphasis on a number of the address
				continue
			}
		}
		if isNameDot(r) || r == '/' && prevAlnum && startsWithRoom(s.text[end+u.size:]) {
			rec.span(s.text, end, end+u.size)
			end += u.size // 中南·世纪城, A6/3单元
			continue
		}
		if trusted && lastMark == 0 && lastNum == 0 && isPartComma(r) && endsWithPlaceMarker(s.text[pos:end]) && s.partAfter(end+u.size) {
			rec.span(s.text, end, end+u.size)
			end += u.size
			continue
		}
		if addressStops.has(r) || (u.kind == uSep && !isAddressDash(r)) {
			break
		}
		if u.kind == uOther && !isHan(r) && u.val != '#' && r != '/' && !isNameDot(r) {
			break
		}
		if n := markerLen(s.text[end:], mResidence|mNumber); n > 0 {
			if house == 0 && end > pos && isASCIIDigit(s.text[end-1]) {
				house = end
			}
			rec.span(s.text, end, end+n)
			end += n
			lastMark, markRunes, prevAlnum = end, runes, false
			continue
		}
		if u.kind == uDigit && !prevAlnum && s.longDigitRun(end) {
			break // a phone or an ID glued to the address
		}
		rec.span(s.text, end, end+u.size)
		end += u.size
		switch {
		case u.kind == uDigit && !isHanNumeral(r):
			lastNum, numRunes, prevAlnum = end, runes, true
		case u.kind == uLetter && prevAlnum:
			lastNum, numRunes = end, runes // 6D, 15c1
		default:
			prevAlnum = false
		}
		if u.kind == uDigit && end < len(s.text) && s.text[end] == '-' {
			lastMark, markRunes = end, runes // 12-3-401 numbering
		}
	}
	rec.walkEnd = end
	switch {
	case lastMark > 0 && lastNum > lastMark && numRunes-markRunes <= maxTrailRunes && (!s.numberGluedAt(lastNum) || closesRoom(s.text, lastNum, roomOpen)):
		return lastNum, house
	case lastMark > 0 && !s.numberGluedAt(lastMark):
		return lastMark, house
	case lastMark > 0 || s.numberGluedAt(end):
		return pos, 0 // its last number runs on into another one (B4-13812345678): no address
	}
	return end, house
}

// letterSpaced reports whether the space at text[end], width bytes long,
// sets apart one character of an address written a character at a time
// (北 京 市 朝 阳 区 建 国 路 88 号): the unit before it stands alone after
// pos or a space, and a Han character or a digit follows it.
func (s *scanner) letterSpaced(pos, end, width int) bool {
	r, size := lastRune(s.text, end)
	if !isHan(r) && !(r < utf8.RuneSelf && isASCIIDigit(byte(r))) {
		return false
	}
	if b := end - size; b > pos {
		if _, w := lastRune(s.text, b); partSpaceAt(s.text, b-w) != w {
			return false
		}
	}
	next := end + width
	if next >= len(s.text) {
		return false
	}
	n, _ := decodeRune(s.text[next:])
	return isHan(n) || isASCIIDigit(s.text[next])
}

// emitAddress validates the structure of text[start:end] and records it;
// house is what addressEnd returned with end (houseNumberIn). The record
// of addressEnd's walk answers where its markers are (markerFrom).
func (s *scanner) emitAddress(start, end, house int, ev Evidence) int {
	if end-start < 9 {
		return 0
	}
	t := s.text[start:end]
	if s.unnamedPlace(start, end) {
		return 0 // 某县某村, 某某路: a place left unnamed, no address
	}
	firstAdmin := s.markerFrom(start, start, end, mAdmin) // fullAddress starts from it
	admin := firstAdmin >= 0
	if !admin && s.markerFrom(start, start, end, mStreet) < 0 {
		return 0
	}
	if s.labelsBefore(start).has(addressIndex) {
		ev |= EvLabel
	} else if s.hint.has(addressIndex) {
		ev |= EvKey
	}
	// a street number or a residence; behind a label or key, a rural
	// address down to its village is a residence too (住址：…县…镇…村三组)
	numbered := s.houseNumberIn(start, end, house) || s.dashedRoomIn(start, start, end)
	if !numbered && !(ev&(EvLabel|EvKey) != 0 && admin && villageAfterAdmin(t)) {
		return 0
	}
	// what keepDistrict keeps holds no number the mask would keep: it
	// ends before the first number, street, number or residence marker
	// (TestKeptHasNoNumberMark); so an address with a house number or a
	// room is no mask's remains, whatever stars follow it (地址：…室**:
	// emphasis closed)
	kept := keepDistrict(t)
	if end < len(s.text) && s.text[end] == '*' && !numbered && !s.emphasisClosed(start, end) || len(kept) == len(t) {
		return 0 // what a mask left (北京市朝阳区****, 138****)
	}
	s.rememberKept(start, end, len(kept))
	c := cand{ok: true, cat: CNAddress, conf: 0.8, ev: ev | EvStructure, start: start, end: end, norm: s.addressValue(start, end)}
	if ev&(EvLabel|EvKey) == 0 && !s.fullAddress(start, end, firstAdmin) {
		c.conf, c.weak = 0.7, true // confirmed only by other personal data nearby
	}
	if s.emit(c) {
		return end
	}
	return 0
}

// houseNumberIn reports whether text[start:end] holds a number directly
// followed by a street-number or residence marker that is no count: in
// 帝国大厦共102层 or 翠苑小区仅有2578户 the number counts the floors or
// households of a place and names none of them, even behind a label.
//
// house, when start < house < end, is where a marker may follow an ASCII
// digit (what addressEnd found): when it does and is no count, the walk
// below would answer true on reaching it, and it does reach it when no
// '&' comes before it. Every unit the walk steps over is then a character
// decoded as UTF-8, whose bytes are all ASCII or all not, or an invalid
// byte alone: none reaches over the digit, and the walk stops on it
// (TestHouseNumberInHint). A character reference could (&#12号 is a
// control character before 号, no number).
func (s *scanner) houseNumberIn(start, end, house int) bool {
	if start < house && house < end && isASCIIDigit(s.text[house-1]) && bytes.IndexByte(s.text[start:house], '&') < 0 &&
		hasMarkerPrefix(s.text[house:end], mNumber|mResidence) && !s.countBefore(house) {
		return true
	}
	for pos := start; pos < end; {
		step()
		if r, ok := cjkRune(s.text[pos:end]); ok && noNumeralHan(r) {
			pos += 3 // no number: what the test below says of it
			continue
		}
		u, r := unitRuneAt(s.text[:end], pos)
		pos += u.size
		if u.kind != uDigit && !isHanTen(r) || pos >= end {
			continue
		}
		// 8 8 号 (an address written a character at a time), 917\u200b号
		at := markerAfterNumber(s.text[:end], pos)
		if at < end && hasMarkerPrefix(s.text[at:end], mNumber|mResidence) && !s.countBefore(pos) {
			return true
		}
	}
	return false
}

// addressLeads are words that introduce an address inside a sentence
// (我家住在北京市…); the address starts after the last one.
var addressLeads = []string{"住在", "家住", "位于", "搬到", "寄到", "送到", "在"}

// trimAddressLead moves start past spaces and past the last lead word that
// comes before the first administrative or street marker.
func trimAddressLead(text []byte, start, limit int) int {
	// an address starts with a place name: skip letters, digits and marks
	// glued before it (…example.AA上海市…)
	for start < limit {
		step()
		r, size := decodeRune(text[start:])
		if isHan(r) {
			break
		}
		start += size
	}
	t := text[start:limit]
	first := firstMarker(t, mAdmin|mStreet)
	if first < 0 {
		first = len(t)
	}
	// the end of the last lead word, in one walk over t[:first]: a word
	// starts only at a byte that starts one of them
	cut := 0
	for k := 0; k < first; {
		step()
		r, ok := cjkRune(t[k:first])
		if !ok {
			k++ // a word starts only with a three-byte character
			continue
		}
		if addressLeadStarts.has(r) {
			for _, w := range addressLeads {
				if k+len(w) <= first && string(t[k:k+len(w)]) == w && k+len(w) > cut {
					cut = k + len(w)
				}
			}
		}
		k += 3 // no word starts inside a character
	}
	return start + cut
}

// addressLeadStarts has the first character of every word of
// addressLeads, each of three bytes.
var addressLeadStarts = func() *bmpSet {
	var firsts []rune
	for _, w := range addressLeads {
		r, n := decodeRune([]byte(w))
		if n != 3 {
			panic("detect: an address lead not starting with a three-byte character")
		}
		firsts = append(firsts, r)
	}
	return newBMPSet(string(firsts))
}()

// noNumeral holds the characters of the Basic Multilingual Plane that
// classify as no digit and are neither 十 nor 百: no number of a house
// starts with them.
var noNumeral = func() (t bmpSet) {
	for r := rune(0x800); r < 0x10000; r++ {
		if classifyRune(r).kind != uDigit && !isHanTen(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// noNumeralHan reports whether r, decoded by cjkRune, is of noNumeral:
// the walks that look for a number step over it.
func noNumeralHan(r rune) bool { return noNumeral[r/64]&(1<<(r%64)) != 0 }
