package detect

import "unicode/utf8"

// Trigger tables: the one pass over a text looks at each byte once and stops
// only where a detector could start. Everything else is skipped at memory
// speed.

// byteTrigger marks the bytes where the scanner must look closer: ASCII
// digits, '@', '&' (character references), '[' and '(' (spelled '@'), ':'
// and '=' (English labels), and the lead bytes of the multi-byte characters
// that can hold digits, full-width forms or trigger characters.
var byteTrigger = func() (t [256]bool) {
	for b := '0'; b <= '9'; b++ {
		t[b] = true
	}
	for _, b := range "@&[(:=" {
		t[b] = true
	}
	for b := 0xC2; b <= 0xF4; b++ {
		// 2-byte lead bytes other than C2 (superscripts) hold no digits we read
		t[b] = b == 0xC2 || b >= 0xD9 && b <= 0xDB || b >= 0xE0
	}
	return t
}()

// Actions a CJK character can trigger.
const (
	actDigit uint8 = 1 << iota // a Chinese numeral or radio reading
	actPlate                   // a plate's province character
	actLabel                   // the first character of a name or address label
	actAt                      // 艾 of 艾特, a spelled '@'
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
		set(r, actDigit)
	}
	for _, r := range plateProvinces {
		set(r, actPlate)
	}
	for b := range labels {
		for _, lw := range labels[b] {
			if !lw.ascii && lw.cats&NewCategorySet(CNName, CNAddress) != 0 {
				r, _ := utf8.DecodeRune(lw.word)
				set(r, actLabel)
			}
		}
	}
	set('艾', actAt)
	return t
}()

// runeAction returns the actions of a decoded rune outside ASCII, with
// actDigit also for full-width and symbol digits.
func runeAction(r rune) uint8 {
	if r >= cjkLo && r < cjkHi {
		return cjkAction[r-cjkLo]
	}
	switch u := classifyRune(r); u.kind {
	case uDigit:
		return actDigit
	case uAt:
		return actAt
	}
	return 0
}
