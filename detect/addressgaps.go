package detect

import "unicode"

// What may stand between a number of an address and its marker and is
// read through as nothing (attack pass 45, F5; attack pass 46, F5, F9):
// spaces of any kind (103 号, 河南省 郑州市 … 917 号 3 幢; a no-break
// space, what &nbsp; and &#160; decode to in every page, thin, en and
// narrow spaces, a tab: addressSpaceAt), the characters a reader draws as
// nothing (917\u200b号, 3\u00ad幢: invisibleRune, as digit runs read them),
// and one run of emphasis stars (建设路**917**号: at most
// maxEmphasisStars, so a mask's four stars end the gap). How many spaces
// is bounded only by maxGapIgnored units in all: HTML collapses a run of
// white space (spaces, tabs, line ends) to one space when it renders, so
// 917␣␣␣号 shows as 917 号 and a reader sees one gap whatever the run's
// length. The walks that pair a number with its marker ask these two
// helpers, one in each direction, so both read the same gap.

// markerAfterNumber returns where the marker after a number that ends at
// text[p] would start: past the spaces, the invisible characters and one
// run of emphasis stars, at most maxGapIgnored units in all; p when none
// stands there.
func markerAfterNumber(text []byte, p int) int {
	stars := false
	for n := 0; n < maxGapIgnored && p < len(text); n++ {
		if b := text[p]; b >= 0xE4 && b <= 0xE9 || b < 0x80 && b != ' ' && b != '\t' && b != '&' && !isEmphasisDelim(b) && asciiClass[b].kind != uIgnore {
			return p // a Han character or ASCII that is read: the common case, at one look
		}
		step()
		if w := addressSpaceAt(text, p); w > 0 {
			p += w
			continue
		}
		if c := text[p]; isEmphasisDelim(c) {
			k, e := delimRunAt(text, p, c)
			if stars || k > maxEmphasisStars {
				return p
			}
			stars = true
			p = e
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
// would end: back past the spaces, the invisible characters and one run
// of emphasis stars, at most maxGapIgnored units in all; p when none
// stands there.
func numberEndBefore(text []byte, p int) int {
	stars := false
	for n := 0; n < maxGapIgnored && p > 0; n++ {
		if b := text[p-1]; b < 0x80 && b != ' ' && b != '\t' && b != ';' && !isEmphasisDelim(b) && asciiClass[b].kind != uIgnore {
			return p // ASCII that is read (a digit, most often): at one look
		}
		step()
		if c := text[p-1]; isEmphasisDelim(c) {
			k, b := delimRunBefore(text, p, c)
			if stars || k > maxEmphasisStars {
				return p
			}
			stars = true
			p = b
			continue
		}
		u, at, ok := unitBefore(text, p)
		if !ok || u.kind != uIgnore && addressSpaceAt(text, at) != p-at {
			return p
		}
		p = at
	}
	return p
}

// addressSpaceAt returns the length of the space that starts at text[at]
// (any Unicode space separator, Zs: ' ', U+00A0, U+2000–U+200A, U+202F,
// U+3000 …, or a tab, written as it is or as a character reference), 0
// when none does.
func addressSpaceAt(text []byte, at int) int {
	w, _ := spaceAt(text, at)
	return w
}

// partSpaceAt returns the length of the space between two parts of an
// address that starts at text[at] (山东省 青岛市, 917号 3幢, 917号\u00a03幢:
// any Unicode space separator, as written or as a character reference, as
// a page renders them all as one space), 0 when none does. A tab is none:
// it separates the columns of a table.
func partSpaceAt(text []byte, at int) int {
	if w, tab := spaceAt(text, at); !tab {
		return w
	}
	return 0
}

// spaceAt returns the length of the space separator or tab that starts at
// text[at], as written or as a character reference (0 when none does), and
// whether it is a tab.
func spaceAt(text []byte, at int) (int, bool) {
	switch b := text[at]; {
	case b == ' ':
		return 1, false
	case b == '\t':
		return 1, true
	case b == '&':
		if r, n := decodeCharRef(text[at:]); n > 0 && (r == ' ' || r == '\t' || unicode.Is(unicode.Zs, r)) {
			return n, r == '\t'
		}
	case b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3: // the lead bytes of every space separator outside ASCII
		if r, n := decodeRune(text[at:]); unicode.Is(unicode.Zs, r) {
			return n, false
		}
	}
	return 0, false
}

// isEmphasisDelim reports the delimiters of Markdown emphasis an address's
// numbers are read through: '*' and '_' (建设路**917**号, 3幢__2501__室).
func isEmphasisDelim(b byte) bool { return b == '*' || b == '_' }

// emphasisInAddress returns the length of the run of delimiters
// text[from:to] (stars or underscores, one kind) when it is emphasis on a
// number of an address (建设路**917**号, 917号**3**幢, 3幢__2501__室): one to
// maxEmphasisStars delimiters, no more on either side, that open a number
// of ASCII digits followed by its marker or stand between a number and its
// marker; 0 otherwise. A mask's stars (four and more: 金水区****) are never
// such a run.
func (s *scanner) emphasisInAddress(from, to int) int {
	k := to - from
	if k < 1 || k > maxEmphasisStars {
		return 0
	}
	c := s.text[from]
	if n, _ := delimRunBefore(s.text, from, c); n > 0 || to < len(s.text) && s.text[to] == c {
		return 0
	}
	if to < len(s.text) && isASCIIDigit(s.text[to]) {
		p := to
		for p < len(s.text) && p-to <= maxWindowDigits && isASCIIDigit(s.text[p]) {
			step()
			p++
		}
		if m := markerAfterNumber(s.text, p); m < len(s.text) && hasMarkerPrefix(s.text[m:], mNumber|mResidence) {
			return k
		}
		return 0
	}
	if s.spaceBeforeMarker(from, to) {
		return k
	}
	return 0
}

// emphasisRunAt returns where the run of emphasis delimiters at text[p]
// ends (stars or underscores of one kind, starRunAt's reading), p when
// none starts there.
func emphasisRunAt(text []byte, p int) int {
	if p >= len(text) || !isEmphasisDelim(text[p]) {
		return p
	}
	_, e := delimRunAt(text, p, text[p])
	return e
}
