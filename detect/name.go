package detect

import (
	"bytes"
	"unicode/utf8"
)

// Chinese names, reported only with evidence. A Chinese label set off from
// its value is trusted for the value, whatever its shape (trustedNameValue).
// A key hint, a label glued to its value or an English label needs a name's
// shape: 2-4 Han characters starting with a surname, or parts joined by '·'
// in a transliteration (nameToken). Other personal data right next to it,
// or a gender and an age after it, is evidence only for the strict shape of
// proximityName.

const maxNameRunes = 4

// nameIndex is the registry place of cn_name: names are not looked for
// next to other names.
var nameIndex = catIndex(CNName.index())

// nameAt reads a name starting at text[pos] and records it with the given
// evidence. It returns the end of the name, or 0.
func (s *scanner) nameAt(pos int, ev Evidence) int {
	end, ok := s.nameToken(pos, true)
	if !ok {
		return 0
	}
	if s.emitName(pos, end, ev) {
		return end
	}
	return 0
}

// emitName records text[start:end] as a name with the given evidence.
func (s *scanner) emitName(start, end int, ev Evidence) bool {
	conf := 0.8
	if ev&EvProximity != 0 {
		conf = 0.6
	}
	return s.emit(cand{ok: true, cat: CNName, conf: conf, ev: ev, start: start, end: end, norm: s.normText(start, end)})
}

// trimGluedNumber returns where a value text[pos:end] ends once the
// letters and Chinese numerals at its end are left out when a number is
// glued on (户A13812345678, 三13812345678): they spell the number, not the
// name, and masking them would change how the number reads.
func (s *scanner) trimGluedNumber(pos, end int) int {
	if !s.digitGluedAt(end) {
		return end
	}
	for end > pos {
		step()
		r, size := lastRune(s.text[pos:end], end-pos)
		if !isCJKDigit(r) && !(r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r == '_')) {
			break
		}
		end -= size
	}
	return end
}

// digitGluedAt reports whether a digit that is no Chinese numeral starts at
// text[p], perhaps after invisible characters (\u200b1, &#49;, １).
func (s *scanner) digitGluedAt(p int) bool {
	for n := 0; p < len(s.text) && n <= maxGapIgnored; n++ {
		step()
		u := decodeUnit(s.text, p)
		if u.kind == uIgnore {
			p += u.size
			continue
		}
		if u.kind != uDigit {
			return false
		}
		r, _ := decodeRune(s.text[p:])
		return !isCJKDigit(r)
	}
	return false
}

// maskAt reports whether a mask starts at text[p]: what a partial mask left
// (张*, Al***) or a label or hash mask ([CN_NAME], [CN_ID_3f2a…]). A value
// that runs into one is the remains of a redaction, not a name.
func maskAt(text []byte, p int) bool {
	return p < len(text) && (text[p] == '*' || text[p] == '[' && p+1 < len(text) && text[p+1] >= 'A' && text[p+1] <= 'Z')
}

// isNameDot reports the dots that join the parts of a transliterated name.
func isNameDot(r rune) bool { return r == '·' || r == '•' || r == '・' || r == '．' }

// indexNameDot returns where the first name dot of t starts, or -1; with
// fullStop false, the full-width full stop (．) is not one. It is
// bytes.IndexAny(t, "·•・．") read a byte at a time: each dot starts with
// a lead byte of its own, which no character's inner bytes can be, and
// the bytes after it are compared; the other bytes are passed at one
// look.
func indexNameDot(t []byte, fullStop bool) int {
	for i := 0; i+1 < len(t); i++ {
		step()
		switch t[i] {
		case 0xC2: // · U+00B7
			if t[i+1] == 0xB7 {
				return i
			}
		case 0xE2: // • U+2022
			if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0xA2 {
				return i
			}
		case 0xE3: // ・ U+30FB
			if i+2 < len(t) && t[i+1] == 0x83 && t[i+2] == 0xBB {
				return i
			}
		case 0xEF: // ． U+FF0E
			if fullStop && i+2 < len(t) && t[i+1] == 0xBC && t[i+2] == 0x8E {
				return i
			}
		}
	}
	return -1
}

// nameToken returns the end of the name that starts at text[pos]. With
// afterLabel, the name may run straight into the next field (姓名张三性别男).
func (s *scanner) nameToken(pos int, afterLabel bool) (int, bool) {
	end, ok, _ := s.nameTokenField(pos, afterLabel, false)
	return end, ok
}

// nameTokenField is nameToken. With seeField, it also reports whether a
// field word starts after the name's second character, where a read with
// afterLabel would have stopped: where none does, the read with afterLabel
// ends where this one does, and need not be made.
func (s *scanner) nameTokenField(pos int, afterLabel, seeField bool) (int, bool, bool) {
	var runes [12]rune
	var ends [12]int
	n, dot, p, field := 0, false, pos, false
	for n < len(runes) && p < len(s.text) {
		step()
		if (afterLabel || seeField) && n >= 2 && startsWithFieldWord(s.text[p:]) {
			if afterLabel {
				break
			}
			field = true
		}
		if n >= 1 && isLabelAt(s.text, p) {
			break // 姓名张三姓名…: the next label starts here
		}
		if n == 0 && labelWordAt(s.text, p) {
			return 0, false, field // 母亲母亲母*: no name starts with a label (母亲, 车牌, 银行卡 …)
		}
		if q := skipIgnoredInName(s.text, p); q > p && n > 0 {
			p = q // 张\u200b三，138…: invisible characters between a name's characters
			continue
		}
		r, size := rune(0), 3
		var ok bool
		if r, ok = cjkRune(s.text[p:]); !ok {
			r, size = decodeRune(s.text[p:]) // the three-byte characters inline
		}
		if isNameDot(r) {
			if n == 0 || dot {
				break
			}
			dot = true
		} else if !isHan(r) {
			break
		}
		runes[n] = r
		p += size
		ends[n] = p
		n++
	}
	if n > 0 && isNameDot(runes[n-1]) {
		n--
	}
	if dot {
		end := ends[n-1]
		return end, n >= 3 && !maskAt(s.text, end) && s.trimGluedNumber(pos, end) == end, field
	}
	if n < 2 {
		return 0, false, field
	}
	sur := 1
	if n >= 3 && surnames.has(s.text[pos:ends[1]]) {
		sur = 2
	} else if !surnames.has(s.text[pos:ends[0]]) {
		return 0, false, field
	}
	if n > sur+2 {
		return 0, false, field // a longer Han run is a phrase, not a name
	}
	if n == 4 && sur == 1 {
		n = 3
	}
	end := ends[n-1]
	if inAny(s.text[pos:end], &commonWords, &nonValues) || isLabelWord(s.text[pos:end]) {
		return 0, false, field
	}
	if maskAt(s.text, end) && (n == sur || n == 2 && surnames.has(s.text[pos:end])) {
		// what a partial mask left (张*, 欧阳**, 慕容*) is no name; a mask
		// keeps the surname alone, so more before the star (张三*) is a
		// name a star was put after to pass for one
		return 0, false, field
	}
	if maskAt(s.text, end) && endsWithKeptLevel(s.text[pos:end]) {
		return 0, false, field // what an address's partial mask left (宋区****: keepDistrict)
	}
	if q := s.trimGluedNumber(pos, end); q < end {
		return 0, false, field // its last characters spell a number glued on
	}
	return end, true, field
}

// startsWithFieldWord reports whether t starts with the word of another
// field of a record (性别, 年龄, 男 …: stopwords.txt).
func startsWithFieldWord(t []byte) bool { return fieldWordLen(t) > 0 }

// fieldWordLen returns the length of the field word that starts t, or 0.
// It is asked at every character of a name: a text that starts with no
// field word's first character is answered at once.
func fieldWordLen(t []byte) int {
	if len(t) == 0 {
		return 0
	}
	if r, _ := decodeRune(t); !fieldWordStarts.has(r) {
		return 0
	}
	for _, w := range fieldWords {
		step()
		if bytes.HasPrefix(t, []byte(w)) {
			return len(w)
		}
	}
	return 0
}

// fieldWordStarts holds the first character of every field word (all in
// the Basic Multilingual Plane: newBMPSet panics otherwise).
var fieldWordStarts = func() *bmpSet {
	var first []rune
	for _, w := range fieldWords {
		step()
		r, _ := utf8.DecodeRuneInString(w)
		first = append(first, r)
	}
	return newBMPSet(string(first))
}()

func isLabelWord(w []byte) bool {
	lw, ok := labels.matchAt(w, 0)
	return ok && len(lw.word) == len(w)
}

// labelWordAt reports whether a Chinese label of two characters or more
// starts at text[p] (one character may be a surname as well).
func labelWordAt(text []byte, p int) bool {
	if text[p] < utf8.RuneSelf {
		return false
	}
	lw, ok := labels.matchAt(text, p)
	return ok && utf8.RuneCount(lw.word) >= 2
}

// isLabelAt reports whether a Chinese label word starts at text[p].
func isLabelAt(text []byte, p int) bool {
	if text[p] < utf8.RuneSelf {
		return false
	}
	_, ok := labels.matchAt(text, p)
	return ok
}
