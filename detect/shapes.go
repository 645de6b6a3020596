package detect

import "unicode/utf8"

// The candidate shapes a registry entry may declare (categoryDef.value,
// lettered and numeric) and where the scanner asks for them: a category
// added to the registry with one of them is found without any change here.

// valueDefs, letteredDefs and numericDefs list the registry places of the
// categories with each shape.
var valueDefs, letteredDefs, numericDefs = func() (v, l, n []catIndex) {
	for i, d := range registry {
		step()
		if d.value != nil {
			v = append(v, catIndex(i))
		}
		if d.lettered != nil {
			l = append(l, catIndex(i))
		}
		if d.numeric != nil {
			n = append(n, catIndex(i))
		}
	}
	return v, l, n
}()

// valueCats is the set of the categories read after their labels.
var valueCats = func() CategorySet {
	var s CategorySet
	for _, i := range valueDefs {
		step()
		s |= 1 << i
	}
	return s
}()

// labelledCats is the set of the categories whose values a label leads
// to (names, addresses, and the categories read after their labels),
// tested at every ':' and '='.
var labelledCats = NewCategorySet(CNName, CNAddress) | valueCats

// readValue runs the value readers of the categories in cats at pos, right
// after their label or at the start of a text whose key names them (ev
// says which), and returns the end of what it emitted, or 0.
func (s *scanner) readValue(cats CategorySet, pos int, ev Evidence) int {
	cats &= s.e.enabled
	if cats != 0 && s.uuidValue(pos) {
		return 0
	}
	for _, i := range valueDefs {
		step()
		if !cats.has(i) {
			continue
		}
		c := registry[i].value(s.text, pos, s.readerScratch())
		s.keepScratch(c.norm)
		if !c.ok {
			continue
		}
		c.ev |= ev
		c.weak, c.labelOnly = false, false
		if s.emit(c) {
			return c.end
		}
	}
	return 0
}

// valueLabelsByEnd holds the labels of the categories read after their
// labels by their last character (ASCII in lower case): a number after
// any other character has no such label before it, and one after such a
// character is compared with the few labels ending in it.
var valueLabelsByEnd = func() map[rune][]labelWord {
	m := make(map[rune][]labelWord)
	add := func(lw labelWord) {
		if lw.cats&valueCats == 0 {
			return
		}
		r, _ := utf8.DecodeLastRune(lw.word)
		if r < utf8.RuneSelf {
			r = rune(lowerASCII(byte(r)))
		}
		m[r] = append(m[r], lw)
	}
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			step()
			add(lw)
		}
	}
	for _, bucket := range labels.han {
		for _, lw := range bucket {
			step()
			add(lw)
		}
	}
	return m
}()

// valueLabelEnds marks the runes of the Basic Multilingual Plane that end
// a label in valueLabelsByEnd.
var valueLabelEnds = func() *[0x10000 / 64]uint64 {
	var t [0x10000 / 64]uint64
	for r := range valueLabelsByEnd {
		step()
		if r < 0x10000 {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return &t
}()

// valueLabelsASCII is valueLabelsByEnd for the labels ending in an ASCII
// byte (in lower case), indexed by it: the letters that end English words
// (e, n, t, …) stand before most numbers in English text, and an array
// answers them without a map look-up.
var valueLabelsASCII = func() (t [utf8.RuneSelf][]labelWord) {
	for r, lws := range valueLabelsByEnd {
		step()
		if r < utf8.RuneSelf {
			t[r] = lws
		}
	}
	return t
}()

// valueLabelPairs marks the last two bytes (ASCII letters in lower case)
// of the labels in valueLabelsASCII, indexed by the two as a 16-bit
// number: before most numbers of English text stands a word that ends in
// the last letter of some label (e, n, t …) but in none of their last
// two bytes, answered here without comparing a label. A label of one
// byte marks every pair that ends in it.
var valueLabelPairs = func() *[1 << 16 / 64]uint64 {
	var t [1 << 16 / 64]uint64
	mark := func(k int) { t[k/64] |= 1 << (k % 64) }
	for c, lws := range valueLabelsASCII {
		for _, lw := range lws {
			step()
			w := lw.word
			if len(w) < 2 {
				for a := range 256 {
					mark(a<<8 | c)
				}
				continue
			}
			mark(int(lowerASCII(w[len(w)-2]))<<8 | int(lowerASCII(w[len(w)-1])))
		}
	}
	return &t
}()

// valueLabelGlueOrEnd marks the bytes valueAfterLabel reads back over as
// glue (a space, ':', '=', a quote, the last byte of '：') and the last
// bytes of the labels of valueLabelsByEnd, an ASCII letter in both cases:
// a number after any other byte has no such label before it.
var valueLabelGlueOrEnd = func() (t [256]bool) {
	for _, c := range []byte(" :=\"'") {
		t[c] = true
	}
	t["："[len("：")-1]] = true
	for _, lws := range valueLabelsByEnd {
		for _, lw := range lws {
			step()
			c := lw.word[len(lw.word)-1]
			t[c] = true
			if isASCIILetter(c) {
				t[c|0x20], t[c&^0x20] = true, true
			}
		}
	}
	return t
}()

// valueLabelEndingAt returns the label of valueLabelsByEnd that ends at
// text[j] and starts a word, or ok false. j is above 0.
func valueLabelEndingAt(text []byte, j int) (labelWord, bool) {
	var bucket []labelWord
	if c := text[j-1]; c < utf8.RuneSelf {
		if j >= 2 {
			if k := int(lowerASCII(text[j-2]))<<8 | int(lowerASCII(c)); valueLabelPairs[k/64]&(1<<(k%64)) == 0 {
				return labelWord{}, false // no label ends in these two bytes
			}
		}
		bucket = valueLabelsASCII[lowerASCII(c)]
	} else {
		r, _ := lastRune(text, j)
		if r >= 0x10000 || valueLabelEnds[r/64]&(1<<(r%64)) == 0 {
			return labelWord{}, false
		}
		bucket = valueLabelsByEnd[r]
	}
	var best labelWord
	for _, lw := range bucket {
		step()
		k := j - len(lw.word)
		if k < 0 || len(lw.word) <= len(best.word) || !asciiEqualFold(text[k:j], lw.word) {
			continue
		}
		if lw.ascii && k > 0 && (isLabelWordByte(text[k-1]) || text[k-1] == '[') {
			continue // inside a longer word, or a mask
		}
		best = lw
	}
	return best, best.word != nil
}

// lowerASCII returns an ASCII letter in lower case, any other byte as it is.
func lowerASCII(b byte) byte { return b | asciiLowerBit(b) }

// valueAfterLabel handles a number at text[i] right after a label of a
// category read after its labels, written without a colon ("QQ 12345678",
// "QQ号12345678"), or a mobile listed after one (手机：A 或 B,
// listedMobileAt). It returns the end of what it emitted, or 0. Only a
// label ending at most a few glue bytes before i, in a character that ends
// such a label, is looked for, from a bounded number of places.
//
// Most numbers have no such label before them: the byte right before one
// (a bracket, a comma, the last byte of most Han characters) is answered
// by a table (valueLabelGlueOrEnd) before any byte is read back over.
func (s *scanner) valueAfterLabel(i int) int {
	if i == 0 {
		return 0
	}
	if valueLabelGlueOrEnd[s.text[i-1]] {
		if end := s.valueAfterGlue(i); end > 0 {
			return end
		}
	}
	return s.listedMobileAt(i) // 手机：A 或 B (listedmobile.go)
}

// valueAfterGlue is valueAfterLabel past its table, out of line: the
// label looked for before the glue and the value read after it.
func (s *scanner) valueAfterGlue(i int) int {
	if s.e.enabled&valueCats == 0 {
		return 0
	}
	if lw, ok := valueLabelBefore(s.text, i); ok {
		return s.readValue(lw.cats, i, EvLabel)
	}
	return 0
}

// valueLabelBefore returns the label of valueLabelsByEnd that ends right
// before text[i] or at most four pieces of glue (a space, ':', '=', a
// quote, '：') before it, or ok false.
func valueLabelBefore(text []byte, i int) (labelWord, bool) {
	step() // the glue loop below is bounded by four bytes
	j := i
	for glue := 0; j > 0 && glue < 4; glue++ {
		c := text[j-1]
		if c == ' ' || c == ':' || c == '=' || c == '"' || c == '\'' {
			j--
			continue
		}
		if j >= 3 && string(text[j-3:j]) == "：" {
			j -= 3
			continue
		}
		break
	}
	if j == 0 {
		return labelWord{}, false
	}
	return valueLabelEndingAt(text, j)
}

// letteredAt tries the lettered shapes on the identifier whose letters
// start at text[start], and returns the end of what it emitted, or 0.
func (s *scanner) letteredAt(start int) int {
	for _, i := range letteredDefs {
		step()
		if !s.e.enabled.has(i) {
			continue
		}
		c := registry[i].lettered(s.text, start, s.readerScratch())
		s.keepScratch(c.norm)
		if c.ok && s.emit(c) {
			return c.end
		}
	}
	return 0
}

// numericAt tries the numeric shapes on the number at text[i], and
// returns the end of what it emitted, or 0.
func (s *scanner) numericAt(i int) int {
	step() // one look a numeric shape: the registry's few
	for _, k := range numericDefs {
		if !s.e.enabled.has(k) {
			continue
		}
		c := registry[k].numeric(s.text, i, s.readerScratch())
		s.keepScratch(c.norm)
		if c.ok && s.emit(c) {
			return c.end
		}
	}
	return 0
}

// maxShapeValue bounds the normalised value of a registry shape (a pair
// of coordinates is the longest): the scratch buffer a reader gets holds
// it without growing.
const maxShapeValue = 64

// readerScratch returns the scratch buffer, empty, with room for any
// registry shape's value.
func (s *scanner) readerScratch() []byte {
	if cap(s.scratch) < maxShapeValue {
		s.scratch = make([]byte, 0, 4*maxShapeValue)
	}
	return s.scratch[:0]
}

// keepScratch keeps the storage a reader grew the scratch buffer into, so
// the next value is read without allocating.
func (s *scanner) keepScratch(norm []byte) {
	if cap(norm) > cap(s.scratch) {
		s.scratch = norm[:0]
	}
}

// readDigits reads between lo and hi digits (in any spelling) from
// text[pos] into dst, ignoring invisible characters, and returns them with
// the byte end of the last. ok is false when fewer than lo digits stand
// there or a digit follows the hi-th.
func readDigits(text []byte, pos, lo, hi int, dst []byte) (out []byte, end int, ok bool) {
	n := 0
	end = pos
	for pos < len(text) {
		step()
		u := decodeUnit(text, pos)
		if u.kind == uIgnore {
			pos += u.size
			continue
		}
		if u.kind != uDigit {
			break
		}
		if n == hi {
			return dst, end, false
		}
		dst = append(dst, u.val)
		n++
		pos += u.size
		end = pos
	}
	return dst, end, n >= lo
}

// endsToken reports whether nothing that continues a token (a letter, a
// digit, '_' or '@') stands at text[pos].
func endsToken(text []byte, pos int) bool {
	if pos >= len(text) {
		return true
	}
	u := decodeUnit(text, pos)
	return !isWordUnit(u) && u.kind != uAt
}

// startsToken reports whether nothing that continues a token stands right
// before text[pos].
func startsToken(text []byte, pos int) bool {
	u, _, ok := unitBeforeSkipping(text, pos)
	return !ok || !isWordUnit(u) && u.kind != uAt && !isMaskUnit(u)
}

// lastRune returns the character that ends at text[j] (j above 0) and its
// size, as utf8.DecodeLastRune does, an ASCII one and a three-byte one (all
// of CJK) decoded inline.
func lastRune(text []byte, j int) (rune, int) {
	if j > 0 && text[j-1] < utf8.RuneSelf {
		return rune(text[j-1]), 1
	}
	if j >= 3 {
		b0, b1, b2 := text[j-3], text[j-2], text[j-1]
		if b0&0xF0 == 0xE0 && (b1^0x80)|(b2^0x80) < 0x40 {
			r := rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	}
	return utf8.DecodeLastRune(text[:j])
}
