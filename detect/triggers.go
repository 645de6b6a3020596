package detect

import "unicode/utf8"

// Trigger tables: the one pass over a text looks at each byte once and stops
// only where a detector could start. Everything else is skipped at memory
// speed.

// byteTrigger marks the bytes where the scanner must look closer: ASCII
// digits, '@', '&' (character references), '[', '(', '{' and '#' (spelled
// '@'), ':' and '=' (English labels), and the lead bytes of the multi-byte
// characters that can hold digits, full-width forms or trigger characters.
var byteTrigger = func() (t [256]bool) {
	// keep in step with loudBytes
	for b := '0'; b <= '9'; b++ {
		step()
		t[b] = true
	}
	for _, b := range "@&[({#:=" {
		step()
		t[b] = true
	}
	for b := 0xC2; b <= 0xF4; b++ {
		step()
		// 2-byte lead bytes other than C2 (superscripts) hold no digits we read
		t[b] = b == 0xC2 || b >= 0xD9 && b <= 0xDB || b >= 0xE0
	}
	return t
}()

// Actions a CJK character can trigger.
const (
	actDigit    uint8 = 1 << iota // a Chinese numeral or radio reading
	actPlate                      // a plate's province character
	actLabel                      // the first character of a label that starts a reading: a name, an address, a registry value
	actAt                         // 艾 of 艾特, a spelled '@'
	actAddrPart                   // an administrative or street character of an address (省, 区, 路 …)
	actAge                        // 岁 of an age or 男/女 of a gender, after a name (陶平洋，男，45岁)
	actTen                        // 十 or 百, which end a house number written in Chinese numerals (十号, 二十栋)
)

const cjkLo, cjkHi = 0x3000, 0xA000

// cjkAction holds the actions of U+3000..U+9FFF.
var cjkAction = func() []uint8 {
	t := make([]uint8, cjkHi-cjkLo)
	set := func(r rune, a uint8) {
		if r >= cjkLo && r < cjkHi {
			t[r-cjkLo] |= a
		}
	}
	for r := range cjkDigit {
		step()
		set(r, actDigit)
	}
	for _, r := range plateProvinces {
		step()
		set(r, actPlate)
	}
	for r, bucket := range labels.han {
		step()
		for _, lw := range bucket {
			step()
			if lw.cats&labelledCats != 0 {
				set(r, actLabel)
			}
		}
	}
	set('艾', actAt)
	set('【', actAt) // 【at】, 【@】
	set('岁', actAge)
	set('男', actAge)
	set('女', actAge)
	set('十', actTen)
	set('百', actTen)
	for _, list := range [][]string{addrAdmin, addrStreet} {
		step()
		for _, w := range list {
			step()
			r, _ := utf8.DecodeRuneInString(w)
			set(r, actAddrPart)
		}
	}
	return t
}()

// actColon marks the full-width colon '：', after which an English label
// may have ended.
const actColon uint8 = 1 << 7

// bmpAction holds the actions of every rune of the Basic Multilingual
// Plane, so the pass decodes a character and looks it up once.
var bmpAction = func() []uint8 {
	t := make([]uint8, 0x10000)
	for r := rune(0x80); r < 0x10000; r++ {
		step()
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		t[r] = slowRuneAction(r)
	}
	return t
}()

// bmpActive has a bit for every rune of the Basic Multilingual Plane with
// an action: 8 KiB that stay in the first-level cache, so the common case
// of a character without one costs a single bit test.
var bmpActive = func() []uint64 {
	t := make([]uint64, 0x10000/64)
	for r, a := range bmpAction {
		step()
		if a != 0 {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// cjkQuietStop is bmpActive with every bit below U+0800 set, its words
// indexed by the first two bytes of a three-byte UTF-8 form as they stand
// in a little-endian word, masked with 0x3F0F: the lead's low four bits
// and the first continuation byte's low six bits, the rune's bits 12..15
// and 6..11, at bits 0..3 and 8..13. Looked up so, a character costs one
// mask and one load, where putting the rune's bits together first costs
// six more operations. The second continuation byte picks the bit. It
// tells skipQuietCJK where to stop: at a character with an action or at an
// overlong form (invalid). Of its 126 KiB, the words of a script's block
// lie together: Chinese text reads from about 4 KiB of it.
var cjkQuietStop = func() (t [0x3F10]uint64) {
	for k := range 0x10000 / 64 {
		step()
		word := bmpActive[k]
		if k < 0x800/64 {
			word = ^uint64(0)
		}
		t[k>>6|(k&0x3F)<<8] = word
	}
	return t
}()

// runeAction returns the actions of a rune outside ASCII.
func runeAction(r rune) uint8 {
	if r < 0x10000 {
		return bmpAction[r]
	}
	return slowRuneAction(r)
}

func slowRuneAction(r rune) uint8 {
	if r >= cjkLo && r < cjkHi && cjkAction[r-cjkLo] != 0 {
		return cjkAction[r-cjkLo]
	}
	if r == '：' {
		return actColon
	}
	if r == '（' || r == '＃' {
		return actAt // （at）, （@）, （a）; zhang＃qq.com
	}
	switch u := classifyRune(r); u.kind {
	case uDigit:
		return actDigit
	case uAt:
		return actAt
	}
	return 0
}

// loudBytes returns, for eight bytes read as a little-endian word, a mask
// whose lowest set bit is the high bit of the first byte that is not
// quiet: a byte that is not ASCII, lies in 0x23..0x28 (# $ % & ' () or
// 0x30..0x40 (the digits, : ; < = > ? @) or is '[' or '{'. The commas,
// full stops, hyphens, slashes and closing brackets of prose (0x29..0x2F)
// are quiet: no detector starts there. It is 0 when all eight are quiet,
// a stretch of words the pass skips at once; otherwise the pass goes
// straight to the first byte that is not. A bit above the first may be
// wrong (a carry or a borrow crosses from a byte that is not quiet into
// the next one); the first never is: below it every byte is ASCII and no
// carry or borrow crosses a byte.
func loudBytes(w uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	// on the high bit of each ASCII byte b: b >= lo as b+0x80-lo, b <= hi
	// as 0x80+hi-b (neither carries nor borrows), and of the two ranges
	in1 := (w + ones*(0x80-0x23)) & (ones*(0x80+0x28) - w)
	in2 := (w + ones*(0x80-0x30)) & (ones*(0x80+0x40) - w)
	// '[' and '{' differ by the bit 0x20 alone: one test for both
	return (w|in1|in2)&high | zeroBytes((w|ones*0x20)^(ones*'{'))
}

// zeroBytes returns a mask whose lowest set bit is the high bit of the
// first zero byte of w, or 0 when w has none (bits above the first may be
// wrong, from the borrow of a zero byte).
func zeroBytes(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	return (x - ones) &^ x & high
}
