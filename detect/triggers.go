package detect

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
	for r, bucket := range labels.han {
		for _, lw := range bucket {
			if lw.cats&NewCategorySet(CNName, CNAddress) != 0 {
				set(r, actLabel)
			}
		}
	}
	set('艾', actAt)
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
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		t[r] = slowRuneAction(r)
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
	switch u := classifyRune(r); u.kind {
	case uDigit:
		return actDigit
	case uAt:
		return actAt
	}
	return 0
}
