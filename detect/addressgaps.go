package detect

// What may stand between a number of an address and its marker and is
// read through as nothing (attack pass 45, F5): up to two spaces (103 号,
// 河南省 郑州市 … 917 号 3 幢) and the characters a reader draws as
// nothing (917\u200b号, 3\u00ad幢: invisibleRune, as digit runs read them).
// The walks that pair a number with its marker ask these two helpers, one
// in each direction, so both read the same gap.

// maxMarkerSpaces is how many spaces a number and its marker may have
// between them.
const maxMarkerSpaces = 2

// markerAfterNumber returns where the marker after a number that ends at
// text[p] would start: past up to maxMarkerSpaces spaces and the invisible
// characters among them, at most maxGapIgnored units in all; p when none
// stands there.
func markerAfterNumber(text []byte, p int) int {
	spaces := 0
	for n := 0; n < maxGapIgnored && p < len(text); n++ {
		if b := text[p]; b >= 0xE4 && b <= 0xE9 || b < 0x80 && b != ' ' && asciiClass[b].kind != uIgnore {
			return p // a Han character or ASCII that is read: the common case, at one look
		}
		step()
		if isAddressSpace(text, p) {
			if spaces == maxMarkerSpaces {
				return p
			}
			spaces++
			if text[p] == ' ' {
				p++
			} else {
				p += 3
			}
			continue
		}
		u := decodeUnit(text, p)
		if u.kind != uIgnore {
			return p
		}
		p += u.size
	}
	return p
}

// numberEndBefore returns where the number whose marker starts at text[p]
// would end: back past up to maxMarkerSpaces spaces and the invisible
// characters among them, at most maxGapIgnored units in all; p when none
// stands there.
func numberEndBefore(text []byte, p int) int {
	spaces := 0
	for n := 0; n < maxGapIgnored && p > 0; n++ {
		if b := text[p-1]; b < 0x80 && b != ' ' && asciiClass[b].kind != uIgnore {
			return p // ASCII that is read (a digit, most often): at one look
		}
		step()
		switch {
		case text[p-1] == ' ' || p >= 3 && isAddressSpace(text, p-3):
			if spaces == maxMarkerSpaces {
				return p
			}
			spaces++
			if text[p-1] == ' ' {
				p--
			} else {
				p -= 3
			}
			continue
		}
		u, at, ok := unitBefore(text, p)
		if !ok || u.kind != uIgnore {
			return p
		}
		p = at
	}
	return p
}
