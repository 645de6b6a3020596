package detect

import "bytes"

// addressEnd's walk over an address is also its record (addrRecord): where
// a marker may start, where the first 某 stands, where the last dash,
// whether a unit may be invisible. emitAddress and fullAddress ask those
// questions of the address addressEnd delimited, each once a walk of its
// own over it (bytes.Contains, firstMarker up to seven times,
// hasAddressDash's searches, visibleText's test of every byte); the record
// answers them with no walk, and the question of a text it does not cover
// goes to the walk as before.
//
// Every byte the walk passes is noted: a three-byte character it reads
// by addrRecord.han, everything else (a jump over a parenthesis, a room
// written in English, emphasis, a space, a marker's later characters, any
// other unit, every dash among them) by addrRecord.span, which reads the
// bytes one at a time. The characters addressEnd's quiet loop passes
// without a note (recordQuietHan) start no marker, are no 某, and their
// first byte starts no invisible unit. TestAddressRecordAgrees holds the
// answers to those of the walks.

// maxAddrMarks bounds the marker starts a record holds: past it, the
// record answers nothing (an address of more than maxAddressRunes units is
// cut before: rare).
const maxAddrMarks = 96

// addrRecord is what addressEnd's walk from start to walkEnd noted.
type addrRecord struct {
	start, walkEnd int
	// marks are where a character that starts a marker (markerStarts)
	// stands, in the order of the text: every place a marker can start
	marks [maxAddrMarks]int
	n     int
	whole bool // marks holds every such place (none was dropped)
	// plain says no unit of the text may be invisible: the first byte of
	// every character is of visibleLead
	plain     bool
	unnamedAt int // where the first 某 starts, or -1
	lastDash  int // where the last dash (isAddressDash) starts, or -1
}

// recordQuietHan holds the characters of quietAddressHan that the record
// passes with no note: no marker starts with them, none is 某, and their
// first byte (E4 to E9) is of visibleLead.
var recordQuietHan = func() (t bmpSet) {
	for r := rune(0x4000); r <= 0x9FFF; r++ {
		if quietAddressHan.has(r) && !isMarkerStart(r) && r != '某' && visibleLead[0xE0|r>>12] {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// begin starts the record of a walk from text[start].
func (rec *addrRecord) begin(start int) *addrRecord {
	rec.start, rec.walkEnd, rec.n, rec.whole, rec.plain, rec.unnamedAt, rec.lastDash = start, -1, 0, true, true, -1, -1
	return rec
}

// han notes the three-byte character r the walk reads at text[at].
func (rec *addrRecord) han(at int, r rune) {
	if r < 0x4000 {
		rec.plain = false // its first byte (E3) starts invisible units too: visibleText reads it
	}
	if isMarkerStart(r) {
		rec.mark(at)
	} else if r == '某' && rec.unnamedAt < 0 {
		rec.unnamedAt = at
	}
}

// mark notes that a marker may start at text[at].
func (rec *addrRecord) mark(at int) {
	if rec.n == maxAddrMarks {
		rec.whole = false
		return
	}
	rec.marks[rec.n] = at
	rec.n++
}

// span notes the bytes text[from:to] the walk passes, a byte at a time:
// a character that starts a marker or is 某 can stand only where a
// three-byte character is encoded (one that runs on past to is noted
// too: a place where no marker starts does no harm among marks).
func (rec *addrRecord) span(text []byte, from, to int) {
	for p := from; p < to; p++ {
		step()
		rec.plain = rec.plain && visibleLead[text[p]]
		if text[p] == '-' {
			rec.lastDash = p
		}
		if r, ok := cjkRune(text[p:]); ok {
			rec.han(p, r)
			if isAddressDash(r) {
				rec.lastDash = p // —, –, －: no Han character, passed here alone
			}
			p += 2
		}
	}
}

// addressRecord returns the record of the walk that delimited the address
// text[start:end], or nil when the last walk was of another text or did
// not reach end.
func (s *scanner) addressRecord(start, end int) *addrRecord {
	if rec := &s.addr; rec.start == start && end <= rec.walkEnd {
		return rec
	}
	return nil
}

// unnamedPlace reports whether the address text[start:end] holds 某, a
// place left unnamed (某县某村, 某某路).
func (s *scanner) unnamedPlace(start, end int) bool {
	if rec := s.addressRecord(start, end); rec != nil {
		return rec.unnamedAt >= 0 && rec.unnamedAt+3 <= end
	}
	return bytes.Contains(s.text[start:end], []byte("某"))
}

// markerFrom returns where the first marker of the kinds starts in
// text[from:end], as a place in the text, or -1: firstMarker's answer,
// from the record of the address text[start:end] when there is one. A
// marker starts only at a character of markerStarts, all of which the
// record holds in order; firstMarker finds the first place where one of
// the kinds starts.
func (s *scanner) markerFrom(start, from, end int, kinds markers) int {
	if rec := s.addressRecord(start, end); rec != nil && rec.whole && from >= start {
		for _, p := range rec.marks[:rec.n] {
			step()
			if p >= end {
				break
			}
			if p >= from && markerLen(s.text[p:end], kinds) > 0 {
				return p
			}
		}
		return -1
	}
	if k := firstMarker(s.text[from:end], kinds); k >= 0 {
		return from + k
	}
	return -1
}

// dashedRoomIn is hasDashedRoom(text[from:end]) for the address
// text[start:end], answered without a walk when the record has no dash
// from from on.
func (s *scanner) dashedRoomIn(start, from, end int) bool {
	if rec := s.addressRecord(start, end); rec != nil && rec.lastDash < from {
		return false
	}
	return hasDashedRoom(s.text[from:end])
}

// addressValue is visibleText(start, end) for an address, answered
// without a walk when the record says none of its units may be invisible.
func (s *scanner) addressValue(start, end int) []byte {
	if rec := s.addressRecord(start, end); rec != nil && rec.plain && (end == len(s.text) || !isContinuationByte(s.text[end])) {
		return s.text[start:end:end]
	}
	return s.visibleText(start, end)
}
