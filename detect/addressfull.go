package detect

import (
	"bytes"
	"unicode/utf8"
)

// A full address needs no other evidence (pii-rules.md: an address is
// personal once it reaches a street number or a residence): one that runs
// from a province or a city, through a district, a road or street and its
// number, down to a building, unit or room (江苏省南京市江宁区人民路103号
// 3幢23层2501室, …路12号阳光花园3-2-401) is a home, labelled or not
// (请寄到…, a JSON value under "to"). A shorter one (a district and a
// street number: a shop, an office on a page) still needs a label, a key
// or personal data nearby, and so does one that stops at a floor (…100号
// 3层会议室, …大道10000号腾讯大厦2楼前台): a floor with no room on it is
// an office's or a venue's, a home's floor has its door's number.
//
// Its parts are read as the labelled reading reads them (houseNumberIn,
// the marker table): numbers in any digits (１０３, 一〇三, 一百零三) and
// spaces before their marker, the markers in either script (號, 區, 樓).

// minUnmarkedPlaceRunes is how many characters name the places before a
// district when no province's or city's marker comes first: 江苏南京江宁区
// (a province's and a city's names, unmarked, as people write them), not
// 南山区 or 浦东新区 alone.
const minUnmarkedPlaceRunes = 4

// fullAddress reports whether text[start:end], an address emitAddress
// validated, runs through every level: its first administrative marker a
// province's or a city's (省, 自治区, 市) after a place name, a district's
// (区, 县, 旗) after it, or a district's after the names of a province
// and a city left unmarked; then a street marker, a house number (号 or
// '#' after a number) and a residence marker after a number that is no
// bare floor, or a dashed room number.
// admin is where the first administrative marker starts in
// text[start:end] (firstMarker), which emitAddress has found already.
func (s *scanner) fullAddress(start, end, admin int) bool {
	if admin-start < 6 {
		return false // no place name before it
	}
	rest := admin // where the district's marker starts
	if top := markerLen(s.text[admin:end], mProvince|mCity); top > 0 {
		d := s.indexDistrict(start, admin+top, end) // (a county-level city is one: 苏州市昆山市)
		if d < 0 {
			return false
		}
		rest = d
	} else if markerLen(s.text[admin:end], mDistrict) == 0 || utf8.RuneCount(s.text[start:admin]) < minUnmarkedPlaceRunes {
		return false // a district first, after no province's or city's name
	}
	st := s.markerFrom(start, rest, end, mStreet)
	if st < 0 {
		return false
	}
	house := s.houseNumberAfter(start, st, end)
	if house < 0 {
		return false
	}
	if s.dashedRoomIn(start, house, end) {
		return true
	}
	return s.homeResidenceIn(start, house, end)
}

// houseNumberAfter returns where the house number of the street whose
// marker starts at text[from] ends (after its 号, 號 or '#'), or -1: the
// first such marker in text[from:end] must follow a number, perhaps
// across a space (103 号). The first is the nearer of the first number
// marker (markerFrom: firstMarker's) and the first '#' byte, which is a
// character of its own: no byte of a longer character, nor of an invalid
// one read alone, is ASCII. start is where the address starts (its
// record's).
func (s *scanner) houseNumberAfter(start, from, end int) int {
	p, n := s.markerFrom(start, from, end, mNumber), 0
	if p >= 0 {
		n = markerLen(s.text[p:end], mNumber)
	}
	if h := bytes.IndexByte(s.text[from:end], '#'); h >= 0 && (p < 0 || from+h < p) {
		p, n = from+h, 1
	}
	if p < 0 {
		return -1
	}
	if num, numEnd := s.numberBeforeAt(p); num < numEnd {
		return p + n
	}
	return -1
}

// numberBeforeAt returns where the number (digits of any script, 十, 百)
// that ends at text[p], perhaps before a space or two or invisible
// characters (103 号, 917\u200b号: numberEndBefore), starts and
// ends; start == end when none does.
func (s *scanner) numberBeforeAt(p int) (start, end int) {
	end = numberEndBefore(s.text, p)
	if start = s.numberStart(end); start < end {
		return start, end
	}
	return p, p
}

// homeResidenceIn reports whether text[from:end] holds a residence marker
// after a number that is no count (共101层), no bare floor (bareFloor) and
// no count of rooms (roomCount).
// The markers are found by firstMarker, which reads the text a character
// at a time as decodeRune does; a marker is whole characters, so the
// search goes on after it from a character's start.
func (s *scanner) homeResidenceIn(start, from, end int) bool {
	for p := from; p < end; {
		step()
		p = s.markerFrom(start, p, end, mResidence)
		if p < 0 {
			return false
		}
		n := markerLen(s.text[p:end], mResidence)
		if num, numEnd := s.numberBeforeAt(p); num < numEnd && num >= from && !s.countBefore(numEnd) && !s.bareFloor(p+n, end) &&
			!roomCount(s.text[num:numEnd], s.text[p:p+n]) {
			return true
		}
		p += n
	}
	return false
}

// roomCount reports whether num, one Chinese numeral, before the marker
// mark (室, 户) counts rooms (一室一厅, 两室出租: a flat's layout), not a
// door's number, which has more digits (二五〇一室).
func roomCount(num, mark []byte) bool {
	r, size := decodeRune(num)
	if size != len(num) || r < 0x80 {
		return false
	}
	m, _ := decodeRune(mark)
	return len(mark) == 3 && (m == '室' || m == '户' || m == '戶')
}

// floorMarkers are the residence markers that name a floor alone.
var floorMarkers = newBMPSet("层層楼樓")

// bareFloor reports whether the residence marker that ends at text[at]
// is a floor's (层, 楼: not 号楼) with no room number after it before end.
func (s *scanner) bareFloor(at, end int) bool {
	r, size := lastRune(s.text, at)
	if size != 3 || !floorMarkers.has(r) || at >= 6 && markerLen(s.text[at-6:at], mResidence) == 6 {
		return false
	}
	if at >= end {
		return true
	}
	u, r := unitRuneAt(s.text[:end], at)
	return u.kind != uDigit && !isHanTen(r)
}

// indexDistrict returns where the first district marker (区, 县, 旗, or
// the 市 of a county-level city) after the first character of
// text[from:end] starts, or -1; start is where the address starts (its
// record's).
func (s *scanner) indexDistrict(start, from, end int) int {
	_, first := decodeRune(s.text[from:end])
	return s.markerFrom(start, from+first, end, mDistrict|mCity)
}
