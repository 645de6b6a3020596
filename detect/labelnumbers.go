package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Numbers read only right after a label of their category (registry value
// readers), in the spellings that are too ambiguous to find alone but that
// people and other validators write behind a label: a landline's local
// number without its area code (电话：22033212), a mobile with the trunk 0
// dialled before it (手机：015100221432), an old all-digit passport
// (护照号码：141234567), a dotted SSN or an ITIN (SSN: 078.05.1123).
// Each reads a bounded number of bytes and rejects a number that goes on
// into another digit group.

// landlineAt reads a fixed-line number behind its label: a local number
// of 7–8 digits starting 2–9, or 0 + area code + a local number of 7–8
// digits, the area code set apart by '-', ' ' or parentheses or not at
// all, with an optional extension (-1234). Behind a label the local number
// may start with 1 (010-12345678) unless a space alone sets it apart, and a
// three-digit area code may take a seven-digit local number (020-9999999).
func landlineAt(text []byte, pos int, scratch []byte) cand {
	start := pos
	paren := pos < len(text) && text[pos] == '('
	if paren {
		pos++
	}
	d, end, ok := readDigits(text, pos, 3, 12, scratch)
	if !ok {
		return cand{}
	}
	if d[0] != '0' {
		// a local number alone: 22033212
		if paren || len(d) < 7 || len(d) > 8 || d[0] == '1' {
			return cand{}
		}
		return landlineEnd(text, start, end, d)
	}
	area := areaCodeLen(d)
	if area == 0 {
		return cand{}
	}
	if len(d) > area {
		// written together: 01012345678
		if paren || !localNumberOK(d[area:], 0) {
			return cand{}
		}
		return landlineEnd(text, start, end, d)
	}
	// the area code set apart: 010-…, (0755) …, 0755 …
	var sep byte
	switch {
	case paren && end < len(text) && text[end] == ')':
		sep = ')'
		end++
		if end < len(text) && (text[end] == ' ' || text[end] == '-') {
			end++
		}
	case !paren && end < len(text) && (text[end] == '-' || text[end] == ' '):
		sep = text[end]
		end++
	default:
		return cand{}
	}
	d, end, ok = readDigits(text, end, 7, 8, d)
	if !ok || !localNumberOK(d[area:], sep) {
		return cand{}
	}
	return landlineEnd(text, start, end, d)
}

// areaCodeLen returns the length of the mainland area code that starts d
// (010, 02x, 0xxx with x not 0 or 1), or 0.
func areaCodeLen(d []byte) int {
	switch {
	case len(d) < 3 || d[0] != '0' || d[1] == '0':
		return 0
	case d[1] == '1':
		if d[2] == '0' {
			return 3
		}
		return 0
	case d[1] == '2':
		return 3
	case len(d) < 4:
		return 0
	}
	return 4
}

// localNumberOK reports whether local is a local number behind a label:
// 7–8 digits not starting with 0, nor with 1 when a space alone sets it
// apart from the area code (010 12345678 reads as two numbers).
func localNumberOK(local []byte, sep byte) bool {
	return len(local) >= 7 && len(local) <= 8 && local[0] != '0' && !(local[0] == '1' && sep == ' ')
}

// landlineEnd completes a labelled landline whose digits d end at end: an
// extension of one to four digits after '-' joins it, and the number must
// end there.
func landlineEnd(text []byte, start, end int, d []byte) cand {
	if end+1 < len(text) && text[end] == '-' && isASCIIDigit(text[end+1]) {
		var ext [4]byte
		_, e, ok := readDigits(text, end+1, 1, 4, ext[:0])
		if !ok {
			return cand{}
		}
		end = e
	}
	if !numberEnds(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: CNLandline, conf: 0.75, ev: EvStructure, start: start, end: end, norm: d}
}

// numberEnds reports whether a number ends at text[pos]: no letter, digit
// or '@' continues it, and no separator joins another digit to it.
func numberEnds(text []byte, pos int) bool {
	if !endsToken(text, pos) {
		return false
	}
	return !(pos+1 < len(text) && tokenSep(text[pos]) && isASCIIDigit(text[pos+1]))
}

// unitIsDigit reports whether u is the digit d, in any spelling.
func unitIsDigit(u unit, d byte) bool { return u.kind == uDigit && u.val == d }

// mobileTrunkAt reads a mainland mobile with the trunk 0 dialled before
// it (015100221432), behind its label. The value is the mobile itself.
func mobileTrunkAt(text []byte, pos int, scratch []byte) cand {
	// the trunk 0 first: readDigits reads its first digit after the
	// invisible characters skipIgnored skips, and without a 0 there no
	// twelve digits are read (a mobile behind its key, 13800138000, was
	// read twice, here and by the main pass)
	if p := skipIgnored(text, pos); p >= len(text) || !unitIsDigit(decodeUnit(text, p), '0') {
		return cand{}
	}
	d, end, ok := readDigits(text, pos, 12, 12, scratch)
	if !ok || d[0] != '0' || !cnMobilePrefixOK(d[1:]) || !numberEnds(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: CNMobile, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: d[1:]}
}

// mobileValueAt reads a mainland mobile behind its label: with the trunk
// 0 dialled before it (mobileTrunkAt), in thousands (mobileThousandsAt)
// or in groups no digit run reads as a mobile's (mobileGroupsAt).
func mobileValueAt(text []byte, pos int, scratch []byte) cand {
	if c := mobileTrunkAt(text, pos, scratch); c.ok {
		return c
	}
	if c := mobileThousandsAt(text, pos, scratch[:0]); c.ok {
		return c // 13,812,345,678: mobilethousands.go
	}
	return mobileGroupsAt(text, pos, scratch[:0])
}

// maxMobileGroups bounds the groups of a mobile read behind its label:
// eleven, a digit each.
const maxMobileGroups = 11

// mobileGroupsAt reads a mainland mobile behind its label written in
// groups, each set apart by one space, tab, hyphen or tilde (a no-break or
// ideographic space, a dash, a full-width hyphen or tilde: what the units
// read so): in two or three groups of any length, 13206 179318, 132061
// 79318, 13206179 318, 1 320 6179318, 1320\t6179318, 1320~6179318
// (attack53b F3), a lone digit only first (1 320 …: 191 3 8743825 is how
// a byte-level reading shows a GB18030 four-byte code, 81 33 82 38, between
// digits: no mobile to its decoder, TestStrictGBKEveryGBKLabel), the last
// of two digits or more, or set apart by a run of two or three
// spaces or by " - " throughout (13812  345678, 1381 - 2345678:
// fix55groups); in four groups or more (fix54mobile), groups of any length
// (13912 34 56 78: fix55groups), the last of two digits or more unless
// every group is one or two (139 1234 5 678, 13 91 23 45 678,
// 139-12-34-56-78, 1<tab>3<tab>9…: groups a person reads as one number),
// set apart by one spelling throughout or by spaces and hyphens of one
// character mixed (139 12-34 56 78: fix55groups; a tab mixed with others
// sets a table's cells apart, a wide separator columns), by tabs only
// outside a table (a row of counts under 手机 or 电话 below a header of as
// many tabs, 手机\t13\t9\t12\t34\t56\t78, is no mobile, attack54c F1),
// and no more group after them. The groupings a digit run reads as a mobile's
// (mobileShape, fourSeven: 132 0617 9318, 1320 6179318, 13 91 23 45 67 8)
// are left to it, so its findings stay as they were. It reads eleven
// digits and the separators between them at most.
func mobileGroupsAt(text []byte, pos int, scratch []byte) cand {
	p := skipIgnored(text, pos)
	if p >= len(text) || !unitIsDigit(decodeUnit(text, p), '1') {
		return cand{} // a mobile's first digit, or no digit read
	}
	step() // eleven bytes at most, looked at once
	k := p
	for k < len(text) && k < p+11 && isASCIIDigit(text[k]) {
		k++
	}
	if k == p+11 || k == len(text) || text[k] < utf8.RuneSelf && !groupSepByte(text[k]) {
		// written whole (a digit run's, the most common), cut by the
		// text's end or by what sets no group apart, in plain digits
		return cand{}
	}
	var lens [maxMobileGroups]int
	runOnly := true // every separator one a digit run joins its groups by (wide ones too)
	var sep rune    // the first separator, as read
	oneSep := true
	wide := false // a separator spelled with more than one character (139  57, 139 - 57)
	tab := false  // a tab among the separators
	d, end := scratch, pos
	n := 0
	for {
		var ok bool
		from := len(d)
		if d, end, ok = readDigits(text, end, 1, 11-from, d); !ok {
			return cand{}
		}
		lens[n] = len(d) - from
		if n++; len(d) == 11 {
			break
		}
		if n == maxMobileGroups {
			return cand{}
		}
		p := skipIgnored(text, end)
		if p >= len(text) {
			return cand{}
		}
		u := decodeUnit(text, p)
		if !mobileGroupSep(text, p) {
			return cand{}
		}
		r, next := groupSepSpelling(text, p)
		if n == 1 {
			sep = r
		}
		oneSep = oneSep && r == sep
		wide = wide || next > p+u.size
		tab = tab || r == '\t'
		runOnly = runOnly && (next > p+u.size || u.kind == uSep && (u.val == ' ' || u.val == '-'))
		end = next
	}
	if n == 1 || n == 3 && lens[1] == 1 || lens[n-1] == 1 && !(n > 3 && mobileLens(lens[:n])) || wide && !oneSep ||
		n > 3 && (tab && !oneSep || groupAfter(text, end, sep, oneSep)) ||
		n > 3 && sep == '\t' && tabsAbove(text, pos) >= n-1 ||
		!cnMobilePrefixOK(d) || !numberEnds(text, end) ||
		runOnly && (mobileLens(lens[:n]) || n == 2 && lens[0] == 4 && !wide) {
		return cand{}
	}
	return cand{ok: true, cat: CNMobile, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: d}
}

// maxRowLook bounds the bytes tabsAbove reads back for a line.
const maxRowLook = 256

// tabsAbove counts the tabs of the line above the one holding text[pos],
// read back at most maxRowLook bytes for each line: as many tabs as the
// groups after a label have between them make the value a row of a table
// set apart by tabs, whose cells are so many values (a month's counts
// under a header of months), not one number's groups; a record's line
// above (姓名\t张三) holds fewer.
func tabsAbove(text []byte, pos int) int {
	step() // two bounded reads back, each a library search
	lo := max(0, pos-maxRowLook)
	nl := bytes.LastIndexByte(text[lo:pos], '\n')
	if nl < 0 {
		return 0
	}
	nl += lo
	above := text[max(0, nl-maxRowLook):nl]
	if i := bytes.LastIndexByte(above, '\n'); i >= 0 {
		above = above[i+1:]
	}
	return bytes.Count(above, []byte{'\t'})
}

// groupAfter reports whether the separator sep (any separator unless
// oneSep) and a digit follow a number that ends at text[end]: one more
// group of the same number (139 12 34 56 78 9, 139 12-34 56 78-9 hold
// twelve digits, no mobile).
func groupAfter(text []byte, end int, sep rune, oneSep bool) bool {
	p := skipIgnored(text, end)
	if p >= len(text) || !mobileGroupSep(text, p) {
		return false
	}
	r, next := groupSepSpelling(text, p)
	if oneSep && r != sep {
		return false
	}
	q := skipIgnored(text, next)
	return q < len(text) && decodeUnit(text, q).kind == uDigit
}

// Spellings of a separator of more than one character between a mobile's
// short groups (groupSepSpelling): a run of spaces (aligned columns, 139
// 57  20) and a hyphen between spaces (139 - 57 - 20), set apart from any
// one character's spelling.
const (
	maxSepSpaces   = 3
	sepSpaceRun    = rune(1 << 21) // plus the run's length: beyond every character
	sepSpacedDash  = rune(1 << 24)
	sepSpacedDashW = 3 // " - "
)

// groupSepSpelling returns how the separator at text[p] is spelled (the
// character, as groupSepRune reads it, or a run of two or three spaces,
// or a hyphen between two spaces) and where it ends: between a mobile's
// groups one spelling stands throughout (mobileGroupsAt, groupAfter).
func groupSepSpelling(text []byte, p int) (rune, int) {
	if text[p] == ' ' {
		q := p + 1
		for q < len(text) && q-p < maxSepSpaces && text[q] == ' ' {
			q++
		}
		if q-p > 1 {
			return sepSpaceRun + rune(q-p), q
		}
		if p+sepSpacedDashW <= len(text) && text[p+1] == '-' && text[p+2] == ' ' {
			return sepSpacedDash, p + sepSpacedDashW
		}
	}
	return groupSepRune(text, p), p + decodeUnit(text, p).size
}

// mobileGroupSep reports whether the character at text[p], as written or
// as a reference, is one mobileGroupsAt reads between groups: a space of
// any width, a tab, a hyphen or a dash, a tilde (ASCII or full-width).
// Symbols the units read as spaces (an emoji, U+FFFD for a byte no
// decoder read) are not: behind a label they set two values apart.
func mobileGroupSep(text []byte, p int) bool {
	r := groupSepRune(text, p)
	return r == '\t' || r == '~' || r == '～' || unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Pd, r)
}

// groupSepRune returns the character at text[p], as written or as a
// reference (&nbsp; is U+00A0 either way).
func groupSepRune(text []byte, p int) rune {
	r, _ := decodeRune(text[p:])
	if r == '&' {
		r, _ = decodeCharRef(text[p:])
	}
	return r
}

// groupSepByte reports whether an ASCII byte after a digit may start what
// mobileGroupsAt reads between groups: a space, a tab, '-', '~', a
// character reference or an invisible control before one.
func groupSepByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '-' || c == '~' || c == '&' || asciiClass[c].kind == uIgnore
}

// passportDigitsAt reads the all-digit PRC passports of the 14 and 15
// series (141234567), behind their label: nine digits alone are too like
// any other number to be read elsewhere.
func passportDigitsAt(text []byte, pos int, scratch []byte) cand {
	d, end, ok := readDigits(text, pos, 9, 9, scratch)
	if !ok || d[0] != '1' || d[1] != '4' && d[1] != '5' || !numberEnds(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: CNPassport, conf: 0.75, ev: EvStructure, start: pos, end: end, norm: d}
}

// ssnAt reads a US social security number or individual taxpayer number
// behind its label: nine digits together or in 3-2-4 groups set apart by
// one separator used throughout ('-', ' ' or '.').
func ssnAt(text []byte, pos int, scratch []byte) cand {
	d, end, ok := readDigits(text, pos, 3, 9, scratch)
	if !ok {
		return cand{}
	}
	if len(d) == 3 {
		if end >= len(text) {
			return cand{}
		}
		sep := text[end]
		if sep != '-' && sep != ' ' && sep != '.' {
			return cand{}
		}
		if d, end, ok = readDigits(text, end+1, 2, 2, d); !ok || end >= len(text) || text[end] != sep {
			return cand{}
		}
		if d, end, ok = readDigits(text, end+1, 4, 4, d); !ok {
			return cand{}
		}
	}
	if len(d) != 9 || !(usSSNOK(d) || usITINOK(d)) || !numberEnds(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: USSSN, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: d}
}
