package detect

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The fast paths of the address and mask readers (issue #8) may only skip
// work that provably finds nothing. Each test here holds one of them to
// the walk it shortcuts, written as it was before the shortcut, over the
// synthetic shapes and random mutations of them.

// fastPathMutations are the characters the mutated texts are sprinkled
// with: dashes of every spelling, room words and their letters, markers,
// digits of every script, spaces, invisible characters and emphasis.
var fastPathMutations = []string{
	"-", "—", "－", "–", "#", "＃", "R", "r", "m", "Room", "rm", "Apt", "FLAT", "unit", "No", "n", "o", ".", ":",
	"号", "室", "栋", "单元", "层", "区", "市", "省", "路", "村", "某", "0", "7", "１", "二", "十", " ", "\u3000", "\u200b",
	"*", "**", "_", "[", "{", "[dot]", "@", ",", "，", "、", "（", "）", "&#45;", "\xe2\x80", "\xff",
}

// fastPathTexts returns the synthetic shapes at a few sizes and seeds,
// and each of them mutated: characters of fastPathMutations inserted at
// random places.
func fastPathTexts() [][]byte {
	var texts [][]byte
	for _, s := range synth.Shapes {
		for seed := uint64(1); seed <= 3; seed++ {
			for _, n := range []int{200, 2 << 10} {
				r := rand.New(rand.NewPCG(seed, uint64(n)))
				text := s.Gen(r, n)
				texts = append(texts, text)
				m := append([]byte(nil), text...)
				for k := 0; k < len(text)/8; k++ {
					at := r.IntN(len(m) + 1)
					ins := fastPathMutations[r.IntN(len(fastPathMutations))]
					m = append(m[:at], append([]byte(ins), m[at:]...)...)
				}
				texts = append(texts, m)
			}
		}
	}
	return texts
}

// hasDashedRoomWalk is hasDashedRoom as it was before its dash test: the
// walk alone.
func hasDashedRoomWalk(t []byte) bool {
	groups, digits, long := 0, 0, false
	for pos := 0; pos < len(t); {
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

// TestHasDashedRoomSameAsWalk checks hasDashedRoom against the walk on
// every window of the texts up to 48 bytes long, from every start.
func TestHasDashedRoomSameAsWalk(t *testing.T) {
	checked, found := 0, 0
	for _, text := range append(fastPathTexts(), []byte("12-3-401"), []byte("12—3—401室"), []byte("B4-1-6-2"), []byte("12－3－401"), []byte("12–3–401")) {
		for i := 0; i < len(text); i++ {
			for _, n := range []int{8, 16, 48} {
				w := text[i:min(len(text), i+n)]
				got, want := hasDashedRoom(w), hasDashedRoomWalk(w)
				if got != want {
					t.Fatalf("hasDashedRoom(%q) = %v, the walk says %v", w, got, want)
				}
				checked++
				if want {
					found++
				}
			}
		}
	}
	if found == 0 || checked < 100000 {
		t.Fatalf("%d windows checked, %d dashed rooms: the texts no longer test the fast path", checked, found)
	}
}

// roomAfterWalk is roomAfter as it was before it compared the first
// letter of each word first.
func roomAfterWalk(text []byte, p int, glued bool) (int, int) {
	words := roomWords
	if !glued {
		words = roomWords[:len(roomWords)-1]
	}
	p = markerAfterNumber(text, p)
	open := starRunBefore(text, p)
	if c, size := wideASCIIAt(text, p); c == '#' {
		if q := markerAfterNumber(text, p+size); wideDigitAt(text, q) {
			return q, open + starRunBefore(text, q)
		}
		return 0, 0
	}
	for _, w := range words {
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
			return 0, 0
		}
		if wideDigitAt(text, q) {
			return q, open + starRunBefore(text, q)
		}
		return 0, 0
	}
	return 0, 0
}

// TestRoomAfterSameAsWalk checks roomAfter against the walk at every
// offset of the texts, glued or not.
func TestRoomAfterSameAsWalk(t *testing.T) {
	extra := [][]byte{[]byte("3幢 Room 2501"), []byte("3幢Rm.2501"), []byte("3幢 Ｒｍ．2501"), []byte("3幢No.5"), []byte("3幢 #2501"), []byte("3幢 **Room 2501**")}
	checked, found := 0, 0
	for _, text := range append(fastPathTexts(), extra...) {
		for p := 0; p <= len(text); p++ {
			for _, glued := range []bool{false, true} {
				q, open := roomAfter(text, p, glued)
				wq, wopen := roomAfterWalk(text, p, glued)
				if q != wq || open != wopen {
					t.Fatalf("roomAfter(%q, %d, %v) = %d, %d; the walk says %d, %d", text, p, glued, q, open, wq, wopen)
				}
				checked++
				if wq > 0 {
					found++
				}
			}
		}
	}
	if found == 0 || checked < 100000 {
		t.Fatalf("%d offsets checked, %d rooms: the texts no longer test the fast path", checked, found)
	}
}

// houseNumberAfterWalk is houseNumberAfter as it was, a character at a
// time.
func (s *scanner) houseNumberAfterWalk(from, end int) int {
	for p := from; p < end; {
		n := markerLen(s.text[p:end], mNumber)
		if n == 0 && s.text[p] == '#' {
			n = 1
		}
		if n > 0 {
			if num, numEnd := s.numberBeforeAt(p); num < numEnd {
				return p + n
			}
			return -1
		}
		_, size := decodeRune(s.text[p:end])
		p += size
	}
	return -1
}

// homeResidenceInWalk is homeResidenceIn as it was, a character at a time.
func (s *scanner) homeResidenceInWalk(from, end int) bool {
	for p := from; p < end; {
		if n := markerLen(s.text[p:end], mResidence); n > 0 {
			if num, numEnd := s.numberBeforeAt(p); num < numEnd && num >= from && !s.countBefore(numEnd) && !s.bareFloor(p+n, end) &&
				!roomCount(s.text[num:numEnd], s.text[p:p+n]) {
				return true
			}
			p += n
			continue
		}
		_, size := decodeRune(s.text[p:end])
		p += size
	}
	return false
}

// TestFullAddressPartsSameAsWalk checks houseNumberAfter and
// homeResidenceIn, which jump from marker to marker, against the walks a
// character at a time, on windows of the texts from every start.
func TestFullAddressPartsSameAsWalk(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	extra := [][]byte{
		[]byte("浙江省杭州市西湖区文三路100号3层301室"), []byte("深圳市南山区科技园路12号3栋201室#5"), []byte("北京市朝阳区建国路 88 号院2号楼一室一厅"),
		[]byte("上海市浦东新区世纪大道100号共101层"), []byte("南京市江宁区人民路#103 3幢23层2501室"), []byte("市区路\xe5号1室"),
	}
	checked, houses, homes := 0, 0, 0
	for _, text := range append(fastPathTexts(), extra...) {
		s := e.newScanner(text, 0)
		for from := 0; from < len(text); from++ {
			for _, n := range []int{12, 40, 90} {
				end := min(len(text), from+n)
				got, want := s.houseNumberAfter(from, from, end), s.houseNumberAfterWalk(from, end)
				if got != want {
					t.Fatalf("houseNumberAfter(%q) = %d, the walk says %d", text[from:end], got, want)
				}
				home, wantHome := s.homeResidenceIn(from, from, end), s.homeResidenceInWalk(from, end)
				if home != wantHome {
					t.Fatalf("homeResidenceIn(%q) = %v, the walk says %v", text[from:end], home, wantHome)
				}
				checked++
				if want >= 0 {
					houses++
				}
				if home {
					homes++
				}
			}
		}
		s.release()
	}
	if checked < 100000 || houses == 0 || homes == 0 {
		t.Fatalf("%d windows, %d house numbers, %d homes: the texts no longer test the fast paths", checked, houses, homes)
	}
}

// markerLenWalk is markerLen as it was before it asked the kinds of the
// character's markers first: every marker of the character compared.
func markerLenWalk(t []byte, kinds markers) int {
	if len(t) < 3 || t[0]&0xF0 != 0xE0 {
		return 0
	}
	r := rune(t[0]&0x0F)<<12 | rune(t[1]&0x3F)<<6 | rune(t[2]&0x3F)
	if !isMarkerStart(r) {
		return 0
	}
	info := &markerInfo[markerSlot(&markerStarts, &markerRank, r)]
	if pack3(t) != info.first {
		return 0
	}
	for _, m := range info.long {
		if m.kinds&kinds != 0 && len(t) >= m.n && pack3(t[3:]) == m.second && (m.n == 6 || pack3(t[6:]) == m.third) {
			return m.n
		}
	}
	if info.single&kinds == 0 {
		return 0
	}
	if len(t) >= 6 && info.first == packedHao && pack3(t[3:]) == packedXian {
		return 0
	}
	return 3
}

// TestMarkerLenSameAsWalk checks markerLen against the walk over every
// marker word followed by each marker word, and at every offset of the
// texts, for every set of kinds.
func TestMarkerLenSameAsWalk(t *testing.T) {
	var words []string
	for _, l := range [][]string{addrAdmin, addrStreet, addrNumber, addrResidence, {"号线", "某", "的"}} {
		words = append(words, l...)
	}
	var texts [][]byte
	for _, a := range words {
		for _, b := range words {
			texts = append(texts, []byte(a+b))
		}
	}
	checked, found := 0, 0
	for _, text := range append(texts, fastPathTexts()...) {
		for p := 0; p < len(text); p++ {
			if text[p]&0xF0 != 0xE0 {
				continue // markerLen reads no further than its first byte
			}
			for kinds := markers(1); kinds < 1<<7; kinds++ {
				got, want := markerLen(text[p:], kinds), markerLenWalk(text[p:], kinds)
				if got != want {
					t.Fatalf("markerLen(%q, %b) = %d, the walk says %d", text[p:min(len(text), p+9)], kinds, got, want)
				}
				checked++
				if want > 0 {
					found++
				}
			}
		}
	}
	if found == 0 || checked < 100000 {
		t.Fatalf("%d checked, %d markers: the texts no longer test the fast path", checked, found)
	}
}

// TestDomainLettersSameAsUnits checks domain with domainLetters, which
// copies a label's ASCII letters at one look each, against domain reading
// every one of them as a unit, from every offset of the texts and of
// texts of addresses in many spellings.
func TestDomainLettersSameAsUnits(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	texts := fastPathTexts()
	r := rand.New(rand.NewPCG(52, 8))
	for k := 0; k < 300; k++ {
		var b []byte
		for j := 0; j < 6; j++ {
			b = append(b, synth.Email(r)...)
			b = append(b, fastPathMutations[r.IntN(len(fastPathMutations))]...)
		}
		texts = append(texts, b)
	}
	texts = append(texts, []byte("x@QQ.Com一定要回复 a@xn--fiqs8s.中国 b@example dot com c@qq。com vue@3.4.21。icon@2x.png。 z@abc-def.example.org"))
	checked, found := 0, 0
	var out, want [255]byte
	for _, text := range texts {
		s := e.newScanner(text, 0)
		for pos := 0; pos < len(text); pos++ {
			end, n := s.domain(pos, out[:])
			s.unitsOnly = true
			wantEnd, wantN := s.domain(pos, want[:])
			s.unitsOnly = false
			if end != wantEnd || n != wantN || string(out[:n]) != string(want[:wantN]) {
				t.Fatalf("domain(%q) = %d, %q; read unit by unit %d, %q", text[pos:min(len(text), pos+40)], end, out[:n], wantEnd, want[:wantN])
			}
			checked++
			if wantEnd > 0 {
				found++
			}
		}
		s.release()
	}
	if found == 0 || checked < 100000 {
		t.Fatalf("%d offsets, %d domains: the texts no longer test the fast path", checked, found)
	}
}

// TestLocalLettersSameAsUnits checks walkLocal with localLetters, which
// reads a local part's ASCII letters and digits at one look each, against
// walkLocal reading every one of them as a unit, back from every offset
// of the texts, with floors and weak hits before it or none.
func TestLocalLettersSameAsUnits(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	texts := fastPathTexts()
	r := rand.New(rand.NewPCG(52, 9))
	for k := 0; k < 300; k++ {
		var b []byte
		for j := 0; j < 6; j++ {
			b = append(b, synth.Email(r)...)
			b = append(b, fastPathMutations[r.IntN(len(fastPathMutations))]...)
		}
		texts = append(texts, b)
	}
	checked := 0
	var local, want [maxLocalBytes]byte
	for _, text := range texts {
		s := e.newScanner(text, 0)
		for at := 0; at <= len(text); at++ {
			for _, bounds := range [][2]int{{0, 0}, {max(0, at-5), 0}, {0, max(0, at-3)}, {max(0, at-9), max(0, at-4)}} {
				floor, all := bounds[0], bounds[1]
				got := s.walkLocal(at, floor, all, &local)
				s.unitsOnly = true
				w := s.walkLocal(at, floor, all, &want)
				s.unitsOnly = false
				if got != w || string(local[maxLocalBytes-w.nb:]) != string(want[maxLocalBytes-w.nb:]) {
					t.Fatalf("walkLocal(%q, floor %d, all %d) = %+v %q; read unit by unit %+v %q", text[max(0, at-40):at], floor, all, got, local[maxLocalBytes-got.nb:], w, want[maxLocalBytes-w.nb:])
				}
				checked++
			}
		}
		s.release()
	}
	if checked < 100000 {
		t.Fatalf("only %d walks checked", checked)
	}
}

// nameShapedWords is nameShaped as it was, asking the word lists of each
// character.
func nameShapedWords(t []byte, doubledOK bool) bool {
	if inAny(t, &notNames, &nonValues) {
		return false
	}
	if indexNameDot(t, true) >= 0 {
		return true
	}
	first, size := decodeRune(t)
	for p := size; p < len(t); {
		r, n := decodeRune(t[p:])
		if notNameChars.has(t[p : p+n]) {
			return false
		}
		if p+n == len(t) && notNameFinals.has(t[p:]) {
			return false
		}
		if p > size && inAny(t[:p], &commonWords, &notNames, &nonValues) {
			return false
		}
		if p == size && p+n == len(t) && r == first && !doubledOK {
			return false
		}
		p += n
	}
	return true
}

// TestNameShapedSameAsWords checks nameShaped, which asks the lists of
// single characters as sets of runes, against the word lists, on every
// window of the texts and on names with each listed character inside and
// at the end.
func TestNameShapedSameAsWords(t *testing.T) {
	texts := fastPathTexts()
	for _, w := range append(append([]string(nil), notNameChars.list...), notNameFinals.list...) {
		texts = append(texts, []byte("王"+w+"明"+w), []byte(w+w), []byte("欧阳"+w))
	}
	texts = append(texts, []byte("王\xe7明\xef\xbf\xbd张\xe5\x8f"), []byte("哈哈宝宝佳佳"))
	checked, shaped := 0, 0
	for _, text := range texts {
		for i := 0; i < len(text); i++ {
			for _, n := range []int{2, 3, 4, 6, 7, 9, 12, 15} {
				if i+n > len(text) {
					break
				}
				w := text[i : i+n]
				for _, doubled := range []bool{false, true} {
					got, want := nameShaped(w, doubled), nameShapedWords(w, doubled)
					if got != want {
						t.Fatalf("nameShaped(%q, %v) = %v, the word lists say %v", w, doubled, got, want)
					}
					checked++
					if want {
						shaped++
					}
				}
			}
		}
	}
	if shaped == 0 || checked < 100000 {
		t.Fatalf("%d checked, %d shaped as names: the texts no longer test the fast path", checked, shaped)
	}
}
