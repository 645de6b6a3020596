package detect

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// Address markers: the characters that name the parts of a Chinese
// address (省 → 市 → 区/县 → 路/街 → 号 → 栋/单元/室). They are looked up
// on every character an address is read through, so each is found by its
// first character in one table (markerWords), not by a walk over every
// list.

// Address parts, by what they mark, in Simplified and Traditional
// characters (區, 號, 樓).
var (
	addrAdmin     = []string{"省", "自治区", "市", "自治州", "盟", "区", "县", "旗", "镇", "乡", "自治區", "區", "縣", "鎮", "鄉"}
	addrStreet    = []string{"路", "街", "大道", "巷", "弄", "里", "村", "胡同", "小区", "花园", "大厦", "公寓", "新村", "苑", "小區", "花園", "大廈"}
	addrNumber    = []string{"号", "號"}
	addrResidence = []string{"号楼", "栋", "幢", "座", "单元", "层", "楼", "室", "户", "号院", "组", "號樓", "棟", "單元", "層", "樓", "戶", "號院", "組"}
)

// markers is a set of kinds of address marker.
type markers uint8

// The kinds of marker: the four lists above, and the administrative
// levels keepDistrict keeps an address up to.
const (
	mAdmin     markers = 1 << iota // addrAdmin
	mStreet                        // addrStreet
	mNumber                        // addrNumber
	mResidence                     // addrResidence
	mDistrict                      // 区 县 旗
	mCity                          // 市 自治州 盟
	mProvince                      // 省 自治区
)

// markerWord is one marker and the kinds it is.
type markerWord struct {
	w     string
	kinds markers
}

// markerWords holds every marker under its first character.
var markerWords = func() map[rune][]markerWord {
	t := map[rune][]markerWord{}
	add := func(kinds markers, words ...string) {
		for _, w := range words {
			step()
			r, _ := utf8.DecodeRuneInString(w)
			found := false
			for i := range t[r] {
				if t[r][i].w == w {
					t[r][i].kinds |= kinds
					found = true
				}
			}
			if !found {
				t[r] = append(t[r], markerWord{w, kinds})
			}
		}
	}
	add(mAdmin, addrAdmin...)
	add(mStreet, addrStreet...)
	add(mNumber, addrNumber...)
	add(mResidence, addrResidence...)
	add(mDistrict, "区", "县", "旗", "區", "縣")
	add(mCity, "市", "自治州", "盟")
	add(mProvince, "省", "自治区", "自治區")
	return t
}()

// markerStarts has a bit for the first rune of every address marker (all
// of them in the Basic Multilingual Plane): one bit test, not a map lookup,
// for each character an address is read through. markerRank[w] counts the
// bits of the words before markerStarts[w], so that a marker's first rune
// finds its words in markerSlots by the bits set before its own, with no
// map lookup either.
var markerStarts, markerRank, markerSlots = func() (t [0x10000 / 64]uint64, rank [0x10000 / 64]uint16, slots [][]markerWord) {
	for r := range markerWords {
		step()
		t[r/64] |= 1 << (r % 64)
	}
	n := 0
	for w := range t {
		step()
		rank[w] = uint16(n)
		n += bits.OnesCount64(t[w])
	}
	slots = make([][]markerWord, n)
	for r, words := range markerWords {
		step()
		slots[markerSlot(&t, &rank, r)] = words
	}
	return t, rank, slots
}()

// markerSlot returns the place in markerSlots of the marker words that
// start with r, a rune of markerStarts.
func markerSlot(t *[0x10000 / 64]uint64, rank *[0x10000 / 64]uint16, r rune) int {
	w := r / 64
	return int(rank[w]) + bits.OnesCount64(t[w]&(1<<(r%64)-1))
}

// isMarkerStart reports whether an address marker starts with r.
func isMarkerStart(r rune) bool {
	return r < 0x10000 && markerStarts[r/64]&(1<<(r%64)) != 0
}

// markerSlotInfo is what markerLen needs of the markers that start with
// one character, its three bytes packed (pack3) for one comparison each:
// the character, the kinds of the one-character marker (0 when the
// character alone is none), and the longer markers, the longest first.
type markerSlotInfo struct {
	first  uint32
	single markers
	any    markers // the kinds of every marker of the slot: single and those of long
	long   []longMarker
}

// longMarker is a marker of two or three characters: their second and
// third characters packed (pack3; 0 for a two-character marker), its
// length in bytes and its kinds.
type longMarker struct {
	second, third uint32
	n             int
	kinds         markers
}

// pack3 packs the three bytes of a three-byte character into a number:
// two characters' bytes are equal when their numbers are.
func pack3(b []byte) uint32 { return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]) }

// packedHao and packedXian are 号 and 线 packed (pack3).
var packedHao, packedXian = pack3([]byte("号")), pack3([]byte("线"))

// markerInfo holds markerSlotInfo by markerSlots' places.
var markerInfo = func() []markerSlotInfo {
	info := make([]markerSlotInfo, len(markerSlots))
	for k, words := range markerSlots {
		for _, m := range words {
			step()
			w := []byte(m.w)
			if len(w)%3 != 0 || len(w) > 9 {
				panic("detect: an address marker not of one to three three-byte characters")
			}
			info[k].first = pack3(w)
			info[k].any |= m.kinds
			switch len(w) {
			case 3:
				info[k].single |= m.kinds
			case 6:
				info[k].long = append(info[k].long, longMarker{second: pack3(w[3:]), n: 6, kinds: m.kinds})
			default:
				info[k].long = append(info[k].long, longMarker{second: pack3(w[3:]), third: pack3(w[6:]), n: 9, kinds: m.kinds})
			}
		}
		slices.SortStableFunc(info[k].long, func(a, b longMarker) int { return b.n - a.n })
	}
	return info
}()

// markerLen returns the length of the longest marker of the kinds that
// starts t.
func markerLen(t []byte, kinds markers) int {
	if len(t) < 3 || t[0]&0xF0 != 0xE0 {
		return 0 // every marker is a three-byte character
	}
	// decoded by hand without validation: only a filter, the bytes are
	// compared below, and a marker's own bytes decode right
	r := rune(t[0]&0x0F)<<12 | rune(t[1]&0x3F)<<6 | rune(t[2]&0x3F)
	if !isMarkerStart(r) {
		return 0
	}
	info := &markerInfo[markerSlot(&markerStarts, &markerRank, r)]
	if info.any&kinds == 0 || pack3(t) != info.first {
		// no marker of the kinds starts with the character (the loop below
		// would compare none), or bytes that decode by hand to the
		// character without being it
		return 0
	}
	// the longer markers first, the longest first: the first that matches
	// is the longest; else the character alone
	for _, m := range info.long {
		step()
		if m.kinds&kinds != 0 && len(t) >= m.n && pack3(t[3:]) == m.second && (m.n == 6 || pack3(t[6:]) == m.third) {
			return m.n
		}
	}
	if info.single&kinds == 0 {
		return 0
	}
	if len(t) >= 6 && info.first == packedHao && pack3(t[3:]) == packedXian {
		return 0 // 地铁2号线: a metro line, not a street number
	}
	return 3
}

// markerMatch returns the kinds of every marker that starts t, whatever
// its length, and the length of the longest of them of each kind of
// districtMarks (0 for none): markerLen(t, k) > 0 exactly when kinds&k !=
// 0, the 号线 of a metro line included. keepDistrict asks both questions
// at every marker's first character; the markers that start with it are
// compared once for all of them.
func markerMatch(t []byte) (kinds markers, district [3]int) {
	if len(t) < 3 || t[0]&0xF0 != 0xE0 {
		return 0, district // every marker is a three-byte character
	}
	r := rune(t[0]&0x0F)<<12 | rune(t[1]&0x3F)<<6 | rune(t[2]&0x3F) // a filter, as in markerLen
	if !isMarkerStart(r) {
		return 0, district
	}
	info := &markerInfo[markerSlot(&markerStarts, &markerRank, r)]
	if pack3(t) != info.first {
		return 0, district
	}
	for _, m := range info.long {
		step()
		if len(t) >= m.n && pack3(t[3:]) == m.second && (m.n == 6 || pack3(t[6:]) == m.third) {
			kinds |= m.kinds
			noteDistrict(&district, m.kinds, m.n)
		}
	}
	noteDistrict(&district, info.single, 3)
	if !(len(t) >= 6 && info.first == packedHao && pack3(t[3:]) == packedXian) {
		kinds |= info.single // 地铁2号线: 号 alone is no marker there (markerLen)
	}
	return kinds, district
}

// noteDistrict raises district[k] to n for each kind of districtMarks
// (district, city, province, in its order) that kinds holds: markerMatch
// asks it of every marker that starts its text, without a walk over the
// list.
func noteDistrict(district *[3]int, kinds markers, n int) {
	if kinds&mDistrict != 0 {
		district[0] = max(district[0], n)
	}
	if kinds&mCity != 0 {
		district[1] = max(district[1], n)
	}
	if kinds&mProvince != 0 {
		district[2] = max(district[2], n)
	}
}

// hasMarkerPrefix reports whether a marker of the kinds starts t.
func hasMarkerPrefix(t []byte, kinds markers) bool { return markerLen(t, kinds) > 0 }

// containsAny reports whether a marker of the kinds occurs in t.
func containsAny(t []byte, kinds markers) bool { return firstMarker(t, kinds) >= 0 }

// firstMarker returns where the first marker of the kinds starts in t, or
// -1. One pass over t, testing each character against the markers' first
// characters, instead of a search per marker: markerLen is asked only
// where three bytes have the shape of a three-byte character (a lead byte
// 0xE0 to 0xEF and two continuation bytes) whose bits name a character
// of markerStarts. It compares a marker's very bytes, so an overlong form
// or a surrogate of that shape is no marker, and the two continuation
// bytes after it start none: the walk steps over all three at once,
// without telling a valid character from an invalid one (what
// utf8.DecodeRune does there is to step over them one at a time, none a
// marker). Other bytes are decoded as decodeRune does.
func firstMarker(t []byte, kinds markers) int {
	for p := 0; p < len(t); {
		step()
		c := t[p]
		if c < utf8.RuneSelf {
			p++
			continue
		}
		if c&0xF0 == 0xE0 && p+2 < len(t) {
			if b1, b2 := t[p+1], t[p+2]; (b1^0x80)|(b2^0x80) < 0x40 {
				if markerStarts[uint(c&0x0F)<<6|uint(b1&0x3F)]&(1<<(b2&0x3F)) != 0 && markerLen(t[p:], kinds) > 0 {
					return p
				}
				p += 3
				continue
			}
		}
		_, size := decodeRune(t[p:])
		p += size
	}
	return -1
}

// lastMarkerEnd returns where the last marker of the kinds found in t
// ends (the furthest end of any of them), or 0.
func lastMarkerEnd(t []byte, kinds markers) int {
	end := 0
	for p := 0; p < len(t); {
		step()
		if t[p] < utf8.RuneSelf {
			p++
			continue
		}
		if r, ok := cjkRune(t[p:]); ok {
			if isMarkerStart(r) {
				if n := markerLen(t[p:], kinds); n > 0 {
					end = max(end, p+n)
				}
			}
			p += 3
			continue
		}
		_, size := decodeRune(t[p:]) // no marker starts here (firstMarker)
		p += size
	}
	return end
}

// endsWithPlaceMarker reports whether t ends with an administrative or
// street marker (省, 市, 区, 街道, 路 …): the end of one part of a
// space-separated address.
func endsWithPlaceMarker(t []byte) bool {
	// every marker has one to three characters of three bytes
	for n := 3; n <= 9 && n <= len(t); n += 3 {
		step()
		if markerLen(t[len(t)-n:], mAdmin|mStreet) == n {
			return true
		}
	}
	return len(t) >= len("街道") && string(t[len(t)-len("街道"):]) == "街道"
}

// endsWithKeptLevel reports whether t ends with a district, city or
// province marker (区, 市, 自治区 …): where what keepDistrict keeps of an
// address ends.
func endsWithKeptLevel(t []byte) bool {
	// every marker has one to three characters of three bytes
	for n := 3; n <= 9 && n <= len(t); n += 3 {
		step()
		if markerLen(t[len(t)-n:], mDistrict|mCity|mProvince) == n {
			return true
		}
	}
	return false
}

// hasNumberMark reports whether a digit is directly followed by a marker
// of the kinds somewhere in t.
func hasNumberMark(t []byte, kinds markers) bool {
	for pos := 0; pos < len(t); {
		step()
		if r, ok := cjkRune(t[pos:]); ok && noNumeralHan(r) {
			pos += 3 // no number: what the test below says of it
			continue
		}
		u, r := unitRuneAt(t, pos)
		pos += u.size
		if (u.kind == uDigit || isHanTen(r)) && pos < len(t) && hasMarkerPrefix(t[pos:], kinds) {
			return true
		}
	}
	return false
}
