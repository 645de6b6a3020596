package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/asciidigits"
)

// appendMask appends the replacement of a finding under the engine's style;
// fingerprint is the finding's fingerprint in hex.
func (e *Engine) appendMask(dst []byte, c catIndex, norm, fingerprint []byte) []byte {
	switch e.mask {
	case MaskLabel:
		return appendLabel(dst, AllCategories[c], "")
	case MaskHash:
		return appendLabel(dst, AllCategories[c], string(fingerprint[:hashMaskHex]))
	case MaskFull:
		return appendStars(dst, utf8.RuneCount(norm))
	}
	return registry[c].partial(dst, norm)
}

// appendLabel appends "[CN_ID]", or "[CN_ID_<suffix>]" with a suffix.
func appendLabel(dst []byte, c Category, suffix string) []byte {
	dst = append(dst, '[')
	for i := 0; i < len(c); i++ {
		step()
		b := c[i]
		if b >= 'a' && b <= 'z' {
			b -= 'a' - 'A'
		}
		dst = append(dst, b)
	}
	if suffix != "" {
		dst = append(append(dst, '_'), suffix...)
	}
	return append(dst, ']')
}

// appendStars appends n stars to dst, a block of starBlock at a time: a
// mask is mostly stars (a value starred whole is as long as its
// characters), and one copy of a block costs less than a byte's append.
func appendStars(dst []byte, n int) []byte {
	for n > len(starBlock) {
		step()
		dst = append(dst, starBlock...)
		n -= len(starBlock)
	}
	if n > 0 {
		step()
		dst = append(dst, starBlock[:n]...)
	}
	return dst
}

// starBlock is the run of stars appendStars copies from.
const starBlock = "********************************"

// The partial masks follow the Chinese display conventions: enough is kept
// for a person to recognise their own record, never enough to guess the
// rest: at least minHidden digits of a number stay hidden. Each appends the
// masked form of a normalised value.

// minHidden is the fewest digits a partial mask hides of a number.
const minHidden = 4

func maskMobile(dst, v []byte) []byte {
	return append(append(append(dst, v[:3]...), "****"...), v[len(v)-4:]...)
}

func maskCNID(dst, v []byte) []byte {
	return append(appendStars(append(dst, v[:4]...), len(v)-8), v[len(v)-4:]...)
}

// minCardDigits and maxCardDigits are the fewest and the most digits a
// card number has.
const (
	minCardDigits = 13
	maxCardDigits = 19
)

// maskCard keeps a card number's first and last four digits and stars
// every digit between them, in groups of four, so that the mask holds as
// many places as the number: 4111 **** **** 1111 for 16 digits, 6212 ****
// **** *** 4198 for 19, 3782 **** *** 0005 for 15. A mask of fewer
// places would change the length of what a receiver stores (an order id
// of 19 digits read as a card, a fixed-width record).
func maskCard(dst, v []byte) []byte {
	dst = append(dst, v[:4]...)
	for hidden := len(v) - 8; hidden > 0; hidden -= 4 {
		dst = appendStars(append(dst, ' '), min(4, hidden))
	}
	return append(append(dst, ' '), v[len(v)-4:]...)
}

// maskLandline keeps the area code and as much of the end of the local
// number as leaves four digits hidden: 0755-****5678, 0755-****678 for a
// seven-digit local number; of a local number read without its area code
// (behind a label) it keeps the last four: ****3212.
func maskLandline(dst, v []byte) []byte {
	if v[0] != '0' {
		return keepEnds(dst, v, 0, 4)
	}
	area := 4
	if v[1] == '1' || v[1] == '2' {
		area = 3
	}
	tail := min(4, max(0, len(v)-area-minHidden))
	return append(append(append(dst, v[:area]...), "-****"...), v[len(v)-tail:]...)
}

// maskEmail keeps the first character of the local part, in any script,
// and the domain: h***@example.com. A first character that is
// punctuation or a symbol is starred too (%0@0.aa: ****@0.aa): kept, its
// three stars would open Markdown emphasis that the next address's mask
// closes (%***@0.aa 0***@0.aa), and a renderer would hide both.
func maskEmail(dst, v []byte) []byte {
	at := bytes.LastIndexByte(v, '@')
	r, first := decodeRune(v)
	if first = min(first, at); unicode.IsPunct(r) || unicode.IsSymbol(r) {
		dst = append(dst, '*')
	} else {
		dst = append(dst, v[:first]...)
	}
	dst = append(dst, "***"...)
	// the domain is kept, but digits right after a character beyond
	// ASCII are starred: nothing glues them to the '@' once the local
	// part is masked, and a second reading would find them as a number
	// on their own (0@ﾣ17000000000.aa)
	// A domain holding as many digits as a number (a.17000000000.aa,
	// x.138.1234.5678.cn) has them all starred: kept, they would show a
	// number, read again across the dots on a second reading. Fewer
	// (163.com, 12306.cn) are the domain's name.
	digits := asciidigits.Count(v[at:])
	// A run of minGluedDomainNumber digits or more glued to a letter
	// (qq10000.aa) is starred too: kept, the letters before it read as a
	// label of the number (QQ) on a second reading.
	starAll := digits >= minDomainNumber
	starring := false
	domain := v[at:]
	for k := 0; k < len(domain); k++ {
		c := domain[k]
		switch {
		case c >= utf8.RuneSelf:
			starring = true
		case (starring || starAll) && isASCIIDigit(c):
			c = '*'
		case isASCIIDigit(c) && k > 0 && isASCIILetter(domain[k-1]) && digitsFrom(domain, k) >= minGluedDomainNumber:
			starring = true
			c = '*'
		case isASCIIDigit(c):
		default:
			starring = false
		}
		dst = append(dst, c)
	}
	return dst
}

// minGluedDomainNumber is the fewest digits glued to a letter in an
// address's domain that its mask stars: a QQ number has five.
const minGluedDomainNumber = 5

// digitsFrom counts the ASCII digits of b from k on, up to the first
// other byte.
func digitsFrom(b []byte, k int) int {
	n := 0
	for k+n < len(b) && isASCIIDigit(b[k+n]) {
		n++
	}
	return n
}

// minDomainNumber is the fewest digits in an address's domain that its
// mask stars: a local number of a landline has seven.
const minDomainNumber = 7

func maskDocument(dst, v []byte) []byte { return keepEnds(dst, v, 1, 2) }

func maskPlate(dst, v []byte) []byte {
	_, size := decodeRune(v)
	_, last := utf8.DecodeLastRune(v)
	return append(append(append(dst, v[:size+1]...), "****"...), v[len(v)-last:]...)
}

func maskAddress(dst, v []byte) []byte {
	return append(append(dst, keepDistrict(v)...), addressStars...)
}

// addressStars stand for what an address's mask hides.
const addressStars = "****"

// maxKeptAddressRunes bounds what keepDistrict keeps of an address.
const maxKeptAddressRunes = 12

func maskSSN(dst, v []byte) []byte { return append(append(dst, "***-**-"...), v[len(v)-4:]...) }

// maskPhone keeps +44****0123 in international form, 415****2671 in
// national form.
func maskPhone(dst, v []byte) []byte { return keepEnds(dst, v, 3, 4) }

func maskIBAN(dst, v []byte) []byte {
	return append(append(append(dst, v[:4]...), " **** "...), v[len(v)-4:]...)
}

// keepEnds keeps head bytes and tail bytes of an ASCII value, fewer when
// that would hide fewer than minHidden characters: the tail gives way
// first, then the head.
func keepEnds(dst, v []byte, head, tail int) []byte {
	if hidden := len(v) - head - tail; hidden < minHidden {
		tail = max(0, tail-(minHidden-hidden))
		head = min(head, max(0, len(v)-tail-minHidden))
	}
	if len(v) <= head+tail {
		return appendStars(dst, len(v))
	}
	return append(appendStars(append(dst, v[:head]...), len(v)-head-tail), v[len(v)-tail:]...)
}

// maskName keeps the surname: 张*, 欧阳**, 阿依古丽·***.
func maskName(dst, v []byte) []byte {
	if k := indexNameDot(v, false); k >= 0 {
		return append(append(dst, v[:k]...), "·***"...)
	}
	keep, n := 1, runeCount(v)
	if n >= 3 && surnames.has(firstRunes(v, 2)) {
		keep = 2
	}
	return appendStars(append(dst, firstRunes(v, keep)...), n-keep)
}

// runeCount is utf8.RuneCount, counted once and with decodeRune's inline
// three-byte case (utf8.RuneCount went through a string and the runtime's
// decoder for every character of a name).
func runeCount(v []byte) int {
	n := 0
	for i := 0; i < len(v); n++ {
		step()
		if _, ok := cjkRune(v[i:]); ok {
			i += 3
			continue
		}
		_, size := decodeRune(v[i:])
		i += size
	}
	return n
}

func firstRunes(v []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(v); n-- {
		step()
		if _, ok := cjkRune(v[i:]); ok {
			i += 3 // decodeRune's common case, inlined
			continue
		}
		_, size := decodeRune(v[i:])
		i += size
	}
	return v[:i]
}

// keepDistrict returns the address up to its district (区/县/旗), or its
// city when it names no district, or its province, before any number or
// street; an address that names none of them keeps nothing: its first
// characters could read as something else on a second reading (after
// name: 宋解放街0层 kept 宋解, a name).
func keepDistrict(v []byte) []byte {
	// one walk over the first maxKeptAddressRunes characters, to the first
	// number or street, number or residence marker: what may be kept ends
	// there. The last district, city and province markers before it are
	// found in the same walk: none of them reaches over such a marker's
	// start (a test holds the lists to it) or over a number, and a marker
	// is read only within those characters (room: every marker is made of
	// three-byte characters, so one of m bytes fits in them when it fits
	// in the bytes of their count)
	var ends [3]int // one per districtMarks
	for p, n := 0, 0; p < len(v) && n < maxKeptAddressRunes; n++ {
		step()
		r, size := rune(0), 3
		var ok bool
		if r, ok = cjkRune(v[p:]); ok && plainPlaceHan.has(r) {
			p += 3 // no number, no marker
			continue
		}
		if !ok {
			r, size = decodeRune(v[p:])
		}
		if r >= utf8.RuneSelf && isMarkerStart(r) {
			room := v[p:min(len(v), p+3*(maxKeptAddressRunes-n))]
			kinds, lens := markerMatch(room)
			if kinds&(mStreet|mNumber|mResidence) != 0 {
				break // nor a street, a house number or a residence: what is kept would be an address of its own on a second reading (区村号区村000 kept 区村号区)
			}
			for k, m := range lens {
				if m > 0 {
					ends[k] = max(ends[k], p+m)
				}
			}
			p += size // no marker starts with a number (TestNoMarkerStartsWithNumber)
			continue
		}
		if classifyRune(r).kind == uDigit && !isCJKDigit(r) {
			break // never keep a number: it is what the mask hides
		}
		p += size
	}
	for _, end := range ends {
		step()
		if end > 0 {
			return v[:end]
		}
	}
	return nil
}

// districtMarks are the markers keepDistrict keeps an address up to, the
// most precise first: a district, else a city, else a province.
var districtMarks = []markers{mDistrict, mCity, mProvince}
