package detect

import "bytes"

// A full address needs no other evidence (pii-rules.md: an address is
// personal once it reaches a street number or a residence): one that runs
// from a province or a city, through a district, a road or street and its
// number, down to a building, unit or room (江苏省南京市江宁区人民路103号
// 3幢23层2501室, …路12号阳光花园3-2-401) is a home, labelled or not
// (请寄到…, a JSON value under "to"). A shorter one (a district and a
// street number: a shop, an office on a page) still needs a label, a key
// or personal data nearby.

// fullAddress reports whether t, an address emitAddress validated, runs
// through every level: its first administrative marker a province's or a
// city's (省, 自治区, 市) after a place name, a district's (区, 县, 旗)
// after it, then a street marker, a house number (号 after a digit) and a
// residence marker after a digit or a dashed room number.
func fullAddress(t []byte) bool {
	a := firstMarker(t, mAdmin)
	if a < 6 {
		return false // no place name before it
	}
	top := topAdminLen(t[a:])
	if top == 0 {
		return false // a district first
	}
	rest := t[a+top:]
	d := indexDistrict(rest) // (a county-level city is one: 苏州市昆山市)
	if d < 0 {
		return false
	}
	rest = rest[d:]
	st := firstMarker(rest, mStreet)
	if st < 0 {
		return false
	}
	rest = rest[st:]
	n := bytes.Index(rest, []byte("号"))
	if n < 1 || !isASCIIDigit(rest[n-1]) {
		return false
	}
	rest = rest[n+len("号"):]
	if hasDashedRoom(rest) {
		return true
	}
	for p := 0; p < len(rest); {
		step()
		if p > 0 && isASCIIDigit(rest[p-1]) && hasMarkerPrefix(rest[p:], mResidence) && !countedBefore(rest, p) {
			return true
		}
		_, size := decodeRune(rest[p:])
		p += size
	}
	return false
}

// countedBefore reports whether the digits that end at t[end] follow a
// count lead (共101层: a count, no floor of a home).
func countedBefore(t []byte, end int) bool {
	p := end
	for p > 0 && isASCIIDigit(t[p-1]) {
		step()
		p--
	}
	r, _ := lastRune(t, p)
	return p > 0 && countLeadSet.has(r)
}

// topAdminLen returns the length of the marker of a province or a city t
// starts with, or 0.
func topAdminLen(t []byte) int {
	for _, m := range [...]string{"省", "自治区", "市", "自治州", "盟"} {
		if bytes.HasPrefix(t, []byte(m)) {
			return len(m)
		}
	}
	return 0
}

// indexDistrict returns where the first district marker (区, 县, 旗, or
// the 市 of a county-level city) after t's first character starts in t,
// or -1.
func indexDistrict(t []byte) int {
	_, first := decodeRune(t)
	for p := first; p < len(t); {
		step()
		r, size := decodeRune(t[p:])
		if r == '区' || r == '县' || r == '旗' || r == '市' {
			return p
		}
		p += size
	}
	return -1
}
