package detect

import "unicode/utf8"

// A digit run is a sequence of digit groups in any spelling, with short
// separators between the groups ("138 0013 8000", "1-3-8…", "一三八…",
// "&#49;&#51;…"). Contiguous digits form one group and are never split.

const (
	maxRunDigits    = 64 // digits collected at a time; a longer run is read in overlapping pieces
	maxWindowDigits = 19 // the most digits one identifier has (a card); windows of groups are never longer
	maxGapUnits     = 3  // separators allowed between two digits
	maxGapIgnored   = 16 // invisible characters allowed among them (zero-width spaces, soft hyphens, controls)
)

// digitRun is one collected run.
type digitRun struct {
	n                int                     // digits collected
	d                [maxRunDigits]byte      // the digits, ASCII; an ID's check X as 'X'
	start, end       [maxRunDigits]int       // byte range of each digit
	gs               [maxRunDigits + 1]uint8 // digit index where each group starts; gs[ng] == n
	groupAt          [maxRunDigits + 1]uint8 // groupAt[gs[g]] == g; other entries are stale (check gs)
	ng               int                     // groups
	sep              [maxRunDigits + 1]byte  // the separator before each group (ASCII twin), 0 for none
	windowGroups     int                     // groups that may start a window: ng, or fewer when the run was cut
	cut              bool                    // the run goes on past what was collected
	dots             int                     // groups separated by '.'
	dotsTo           [maxRunDigits + 1]uint8 // dotsTo[g]: groups 1..g set apart by '.' (dotted asks it of any window)
	obf              bool                    // some digit or separator was not plain ASCII
	leftGlue         bool                    // glued to a letter, digit or '_' on the left
	rightGlue        bool                    // glued to a letter, digit, '_' or '@' on the right
	joinedLeft       bool                    // leftGlue only by a '-' or '_' after a hex word: the first group is set apart from it
	joinedRight      bool                    // rightGlue only by a '-' or '_' before a hex word: the last group is set apart from it
	atAfter          bool                    // an '@' follows: the last group starts an e-mail address
	plus             bool                    // a '+' stands right before the first digit
	plusDoubled      bool                    // that '+' follows another (++86 755 …: a dialer reads one)
	afterDecimalMark bool                    // a ',' or '.' stands right before the first digit (1,004.70)
	stop             int                     // byte offset where scanning continues
	// noAtLo..noAtHi (inclusive) is a stretch of one-byte units where no
	// '@' is ahead (localPartWalk): the runs of a hex token or a log line
	// each ask from inside it, and are answered without a walk
	noAtLo, noAtHi int
}

func (r *digitRun) groupLen(g int) int { return int(r.gs[g+1]) - int(r.gs[g]) }

// groupEnding returns the group whose last digit is digit k-1 of the run,
// or -1 when no group ends there.
func (r *digitRun) groupEnding(k int) int {
	if k <= 0 || k > r.n {
		return -1
	}
	if g := int(r.groupAt[k]); g >= 1 && g <= r.ng && int(r.gs[g]) == k {
		return g - 1
	}
	return -1
}

// collect reads the run that starts at text[i], which must be a digit unit.
func (r *digitRun) collect(text []byte, i int) {
	r.n, r.ng, r.obf, r.leftGlue, r.rightGlue, r.atAfter, r.plus, r.afterDecimalMark = 0, 0, false, false, false, false, false, false
	r.plusDoubled = false
	r.cut, r.dots, r.joinedLeft, r.joinedRight = false, 0, false, false
	r.gs[0] = 0
	r.sep[0] = 0
	r.dotsTo[0] = 0
	if u, at, ok := unitBeforeSkipping(text, i); ok {
		if hexTokenJoin(u) && maskLabelBefore(text, at) {
			r.leftGlue = true // a hash mask's digits ([PHONE_055045387617])
		} else {
			r.joinedLeft = hexTokenJoin(u) && hexBefore(text, at)
			r.leftGlue = isWordUnit(u) || u.kind == uAt || r.joinedLeft
			if r.leftGlue && u.kind == uLetter && u.size == 1 && tagNameLetter(text, at) {
				r.leftGlue = false // an element named by a letter and the number: tagname.go
			}
		}
		r.plus = u.kind == uOther && u.val == '+'
		if r.plus {
			// 2+34567890 is a sum, not a calling code: a '+' glued to a
			// number, another '+' or what masks a number (***, [PHONE]) on
			// its left is no international prefix; the digits after it are
			// still read on their own. A letter is no operand: AA+81000001
			// is a phone number after a word.
			if v, vat, ok := unitBeforeSkipping(text, at); ok && (v.kind == uDigit || v.kind == uOther && (v.val == '+' || v.val == ']') ||
				v.val == '*' && starsEndAt(text, vat+1)) {
				r.plus = false // the number after it is still read on its own
				r.plusDoubled = v.val == '+'
			}
		}
		r.afterDecimalMark = u.val == ',' || u.val == '.'
	}
	pos := i
	control := false // an ASCII control skipped since the last digit
	for pos < len(text) {
		step()
		if c := text[pos]; isASCIIDigit(c) {
			control = false
			// a plain digit, the most of any run: what the uDigit case
			// below does for it, without decoding
			if r.n == maxRunDigits {
				r.truncate(text, pos)
				return
			}
			r.d[r.n], r.start[r.n], r.end[r.n] = c, pos, pos+1
			r.n++
			pos++
			continue
		} else if runGapByte[c] && r.n > 0 && pos+1 < len(text) && isASCIIDigit(text[pos+1]) {
			// one space, '-', '.' or '/' before a plain digit, the gap of
			// most runs (138 0013 8000, 2025-02-23, 198.51.100.7): what
			// the uSep case below does for it (no cell break, no check X,
			// a gap of one separator), without decoding
			r.startGroup(c)
			pos++
			continue
		}
		u := decodeUnit(text, pos)
		if r.n >= 17 && (text[pos] >= utf8.RuneSelf || text[pos] == '&') {
			u = checkXLookalike(text, pos, u) // 11010519900101664× ends in an X to a reader
		}
		switch u.kind {
		case uDigit:
			if r.n > 0 && pos > 0 && isASCIIDigit(text[pos-1]) && hanNumeralWord(text, pos) {
				break // 13111111111四川省, 13812345678两个包裹: text that starts with a numeral
			}
			if r.n == maxRunDigits {
				r.truncate(text, pos)
				return
			}
			r.d[r.n], r.start[r.n], r.end[r.n] = u.val, pos, pos+u.size
			r.obf = r.obf || u.obf
			r.n++
			pos += u.size
			control = false
			continue
		case uIgnore:
			r.obf = true
			control = control || controlByte(text[pos])
			pos += u.size
			continue
		case uLetter:
			if (u.val == 'X' || u.val == 'x') && r.n >= 17 && !wordAfter(text, pos+u.size) {
				if r.n == maxRunDigits {
					// a check X right after the last digit collected:
					// read the run on from the groups before it, as for
					// one more digit, so the ID keeps its X
					r.truncate(text, pos)
					return
				}
				if control && r.n > 17 && int(r.gs[r.ng]) < r.n {
					// an x after a control and more digits than an ID's
					// 17 (<ID>\bx, <card>\x01X) is a group of its own:
					// the windows read both the number whole before the
					// control and an ID whose check X it is (12 <17
					// digits>\bX); after 17 digits it is their X, as a
					// control between every digit spells it (1\b1\b…\bX)
					r.startGroup(sepControl)
				}
				r.d[r.n], r.start[r.n], r.end[r.n] = 'X', pos, pos+u.size
				r.obf = r.obf || u.obf
				r.n++
				pos += u.size
				r.finish(text, pos)
				return
			}
		case uOther:
			if u.val == '_' && r.n > 0 && r.end[r.n-1] == pos && digitAt(text, pos+1) {
				// a numeric separator, as JavaScript, Python, Go and Java
				// write numbers: 138_1234_5678 is one number
				r.startGroup('_')
				pos++
				continue
			}
		case uSep:
			if c := text[pos]; r.n > 0 && c != '\t' && c != '\n' && c != '\r' && digitAt(text, pos+u.size) {
				// one separator right before a digit (１ ２, 1　2): what
				// the gap below reads for it, in one step
				r.startGroup(u.val)
				pos += u.size
				continue
			}
			if r.n > 0 && r.cellBreak(text, pos) {
				break // a table cell or a line of its own: the value ends here
			}
			// a resident ID's check X, set apart, comes after its 17 digits
			if r.n >= 17 {
				if next, sep, ok := gapToCheckX(text, pos); ok {
					r.startGroup(sep)
					pos = next
					continue
				}
			}
			if next, sep, ok := gapToDigit(text, pos); ok && r.n > 0 {
				r.startGroup(sep)
				pos = next
				continue
			}
		}
		break
	}
	r.finish(text, pos)
}

// runGapByte marks the ASCII separators that collect's uSep case sets
// apart two groups with when a digit follows at once: every separator
// byte decodeUnit reads alone but the tab and the line breaks (which may
// end a cell or a line). Made from plainByteUnit, so the two cannot drift.
var runGapByte = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		step()
		t[b] = plainByteUnit[b].kind == uSep && plainByteUnit[b].val == byte(b) && b != '\t' && b != '\n' && b != '\r'
	}
	return t
}()

// sepControl is the separator recorded before a check X that a control
// sets apart from the digits (no character of the text is one).
const sepControl = 0x1f

// controlByte reports whether c is an ASCII control, which a file or log
// viewer shows between what it separates (^H, \b).
func controlByte(c byte) bool { return c < ' ' || c == 0x7f }

// maxNumeralWord bounds the Chinese numerals read ahead by hanNumeralWord.
const maxNumeralWord = 3

// hanNumeralWord reports whether text[pos] starts a word with Chinese
// numerals rather than continuing a number: at most maxNumeralWord of them
// followed by a Han character that is no numeral (四川, 两个, 一期).
func hanNumeralWord(text []byte, pos int) bool {
	for n := 0; n <= maxNumeralWord && pos < len(text); n++ {
		step()
		r, size := decodeRune(text[pos:])
		if r >= 0x3000 && classifyRune(r).kind == uDigit && !(r >= 0xFF10 && r <= 0xFF19) {
			pos += size // a Chinese numeral (the table of classifyRune, not a map)
			continue
		}
		return n > 0 && isHan(r)
	}
	return false
}

// maxLineDigits is the longest group that a line break still joins to
// the next: one or two digits a line is a number spelled down the page
// (an evasion), a longer line is a value of its own.
const maxLineDigits = 2

// cellBreak reports whether the separators at text[pos] end the run: a tab
// between table cells, or a line break after a group longer than
// maxLineDigits, so that the cells of a table (110105⇥19491231⇥002X) or its
// lines are never stitched into one identifier.
func (r *digitRun) cellBreak(text []byte, pos int) bool {
	group := r.n - int(r.gs[r.ng])
	for n := 0; pos < len(text) && n <= maxGapUnits; n++ {
		step()
		switch text[pos] {
		case '\t':
			return true
		case '\n', '\r':
			if group > maxLineDigits {
				return true
			}
		case ' ', '-', '.', '/', '(', ')':
		default:
			return false
		}
		pos++
	}
	return false
}

// finish closes the run at byte offset pos.
func (r *digitRun) finish(text []byte, pos int) {
	if r.n == 0 {
		r.ng, r.stop = 0, pos
		return
	}
	r.ng++
	r.gs[r.ng] = uint8(r.n)
	r.groupAt[r.n] = uint8(r.ng)
	r.windowGroups = r.ng
	r.stop = pos
	end := r.end[r.n-1]
	control := false // an ASCII control read through after the run
	for end < len(text) {
		step()
		u := decodeUnit(text, end)
		if u.kind == uIgnore {
			control = control || controlByte(text[end]) // (not a reference to a format character: &#x200B;)
			end += u.size
			continue
		}
		r.atAfter = u.kind == uAt || isLocalPartUnit(u) && r.localPartAhead(text, end)
		r.joinedRight = hexTokenJoin(u) && hexAfter(text, end+u.size)
		r.rightGlue = isWordUnit(u) && !(u.kind == uDigit && text[end] >= utf8.RuneSelf && hanNumeralWord(text, end)) || u.kind == uAt || r.joinedRight ||
			r.keptByMask(text, end)
		if control && u.kind == uLetter {
			// a letter after a control (<ID>\b\b\b\bok) is no glue: a
			// terminal draws it over the number, but a file, a log viewer
			// and a JSON log's reader show the control (^H, \b) between
			// them, and the number whole before it
			r.rightGlue = false
		}
		if u.kind == uLetter && !r.leftGlue && text[end] < utf8.RuneSelf && literalSuffixAt(text, end) {
			r.rightGlue = false // a literal's type suffix (13812345678n, …L, …u64): literalsuffix.go
		}
		break
	}
}

// keptByMask reports whether the run's last group is the digits a mask
// kept before its stars (5019 **** **** 9761, a card's): at most four
// digits, then a space and four stars. On a second reading they are no
// end of another number (001 10 5019 is no SSN), as they were none on
// the first, where they stood in the card's own run.
func (r *digitRun) keptByMask(text []byte, end int) bool {
	return r.groupLen(r.ng-1) <= maxKeptDigits && end+5 <= len(text) && string(text[end:end+5]) == " ****"
}

// startGroup begins a new group of digits at the next digit, set apart
// from the previous group by sep (its ASCII twin).
func (r *digitRun) startGroup(sep byte) {
	r.ng++
	r.gs[r.ng] = uint8(r.n)
	r.groupAt[r.n] = uint8(r.ng)
	r.sep[r.ng] = sep
	if sep == '.' {
		r.dots++
	}
	r.dotsTo[r.ng] = uint8(r.dots)
}

// truncate handles a run with more digits than are collected at a time.
// A single over-long group is skipped whole: no identifier has that many
// contiguous digits. Otherwise the complete groups are kept, windows may
// start only where a whole identifier still fits before the cut, and the
// scan goes on from the first group that may not: the last digits are read
// twice, never missed (sixty junk digits cannot hide a mobile behind them).
func (r *digitRun) truncate(text []byte, pos int) {
	if r.ng == 0 {
		// one huge number: skip to its end, evaluate nothing
		for pos < len(text) {
			step()
			u := decodeUnit(text, pos)
			if u.kind != uDigit && u.kind != uIgnore {
				break
			}
			pos += u.size
		}
		r.n, r.ng, r.stop = 0, 0, pos
		return
	}
	// groups 0..ng-1 are complete; group ng goes on past the cut, from
	// text[pos] or from its first collected digit
	collected := r.n
	r.n = int(r.gs[r.ng])
	t := 1
	for t < r.ng && r.n-int(r.gs[t]) > maxWindowDigits {
		step()
		t++
	}
	r.windowGroups = t
	switch {
	case t < r.ng:
		r.stop = r.start[r.gs[t]]
	case r.n < collected:
		r.stop = r.start[r.n]
	default:
		r.stop = pos
	}
	r.cut = true
	r.rightGlue, r.atAfter, r.joinedRight = false, false, false
}

// gapToDigit reads separators from text[pos] and reports where the next
// digit starts if one follows within the gap limits, and the first
// separator's ASCII twin. A '.' or '/' next to white space ends a sentence
// or a field, not a number ("2024. 138…", "0325.\n203…").
func gapToDigit(text []byte, pos int) (next int, sep byte, ok bool) {
	next, sep, u, ok := gap(text, pos)
	return next, sep, ok && u.kind == uDigit
}

// gapToCheckX is gapToDigit for the check character X that may end a
// resident ID written with separators (1 1 0 … 2 X).
func gapToCheckX(text []byte, pos int) (next int, sep byte, ok bool) {
	next, sep, u, ok := gapTo(text, pos, true)
	if !ok || u.kind != uLetter || u.val|0x20 != 'x' || wordAfter(text, next+u.size) {
		return 0, 0, false
	}
	return next, sep, true
}

// gap reads a gap of separators and returns the unit after it. The gap is
// bounded in units, not bytes: a separator spelled as a padded character
// reference (&#0000…45;) counts as one.
func gap(text []byte, pos int) (next int, sep byte, after unit, ok bool) {
	return gapTo(text, pos, false)
}

// gapTo is gap, ending, when checkX is set, at a character a reader takes
// for the X of a resident ID (read as X), though most of those (✕ ╳ Ⓧ)
// are symbols that separate digits elsewhere.
func gapTo(text []byte, pos int, checkX bool) (next int, sep byte, after unit, ok bool) {
	units, ignored := 0, 0
	space, punct := false, false
	for pos < len(text) {
		step()
		u := decodeUnit(text, pos)
		if checkX && (text[pos] >= utf8.RuneSelf || text[pos] == '&') {
			u = checkXLookalike(text, pos, u)
		}
		switch u.kind {
		case uSep:
			if units == 0 {
				sep = u.val
			}
			space = space || spaceSep(u.val)
			punct = punct || u.val == '.' || u.val == '/'
			if units++; units > maxGapUnits || space && punct {
				return 0, 0, u, false
			}
		case uIgnore:
			if ignored++; ignored > maxGapIgnored {
				return 0, 0, u, false
			}
		default:
			return pos, sep, u, true
		}
		pos += u.size
	}
	return 0, 0, unit{}, false
}

// wordAfter reports whether a letter, digit or '_' starts at text[pos].
func wordAfter(text []byte, pos int) bool {
	return pos < len(text) && isWordUnit(decodeUnit(text, pos))
}

// unitBeforeSkipping returns the unit before text[i], skipping invisible
// format characters. The beginning of text and a visible ASCII unit other
// than ';' are answered here, without a call of unitBefore; the rest by
// unitBeforeSkippingSlow.
func unitBeforeSkipping(text []byte, i int) (unit, int, bool) {
	if i <= 0 {
		step()
		return unit{}, 0, false
	}
	if u := plainByteBefore[text[i-1]]; u.size != 0 && u.kind != uIgnore {
		step()
		return u, i - 1, true
	}
	return unitBeforeSkippingSlow(text, i)
}

// unitBeforeSkippingSlow is unitBeforeSkipping past the plain case.
func unitBeforeSkippingSlow(text []byte, i int) (unit, int, bool) {
	for {
		step()
		u, at, ok := unitBefore(text, i)
		if !ok || u.kind != uIgnore {
			return u, at, ok
		}
		i = at
	}
}

// hexTokenJoin reports the characters that join the parts of a hex token
// (UUIDs, trace IDs): 3ef330fc-0797-4212-….
func hexTokenJoin(u unit) bool { return u.val == '-' || u.val == '_' }

func isHexByte(b byte) bool { return hexVal(b) >= 0 }

// maskLabelBefore reports whether text[:i] ends with the opening of a
// hash mask, '[' and a category's label ([PHONE_ before 055045387617]):
// a pseudonym's hex digits may all be decimal ones, and are no number.
func maskLabelBefore(text []byte, i int) bool {
	j := i
	for j > 0 && i-j < hexWordLook && (text[j-1] >= 'A' && text[j-1] <= 'Z' || text[j-1] == '_' || isASCIIDigit(text[j-1])) {
		step()
		j--
	}
	return j < i && j > 0 && text[j-1] == '['
}

// addressMaskBefore reports whether text[:i] ends with what an address's
// mask leaves (z***@qq.com: three stars, '@', ASCII labels and a top-level
// domain of letters), as far as maxMaskedDomain bytes tell.
func addressMaskBefore(text []byte, i int) bool {
	j, tld := i, true
	for j > 0 && i-j < maxMaskedDomain {
		step()
		switch c := text[j-1]; {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case c == '.' && tld:
			if i-j < 2 {
				return false // a top-level domain has two letters or more
			}
			tld = false
		case !tld && (isASCIIDigit(c) || c == '-' || c == '.'):
		case c == '@':
			return !tld && text[j] != '.' && starsEndAt(text, j-1)
		default:
			return false
		}
		j--
	}
	return false
}

// maxMaskedDomain bounds how far addressMaskBefore reads a domain.
const maxMaskedDomain = 64

// hexWordLook bounds how far hexBefore and hexAfter read a word.
const hexWordLook = 32

// hexBefore reports whether the word that ends right before text[i] is a
// hex token part (3ef330fc in 3ef330fc-0797…), as far as hexWordLook bytes
// tell: a word of other letters (photo_, id_) does not glue to a number.
func hexBefore(text []byte, i int) bool {
	j := i
	for j > 0 && i-j < hexWordLook && isASCIIAlnum(text[j-1]) {
		step()
		if !isHexByte(text[j-1]) {
			return false
		}
		j--
	}
	return j < i
}

// hexAfter reports whether the word that starts at text[i] is a hex token
// part starting with a letter (a digit would have continued the run), as
// far as hexWordLook bytes tell.
func hexAfter(text []byte, i int) bool {
	if i >= len(text) || isASCIIDigit(text[i]) {
		return false
	}
	j := i
	for j < len(text) && j-i < hexWordLook && isASCIIAlnum(text[j]) {
		step()
		if !isHexByte(text[j]) {
			return false
		}
		j++
	}
	return j > i
}

func isASCIIAlnum(b byte) bool { return isASCIILetter(b) || isASCIIDigit(b) }

// digitAt reports whether a digit unit starts at text[i].
func digitAt(text []byte, i int) bool {
	return i < len(text) && decodeUnit(text, i).kind == uDigit
}

// isMaskUnit reports the '*' of a mask (a***@, 138****5678).
func isMaskUnit(u unit) bool { return u.kind == uOther && u.val == '*' }

// localPartAhead reports whether the token that starts at text[pos] runs
// into an '@', or one spelled as the scanner reads it ([at], " at "),
// within a local part's length: the number's last group then begins an
// e-mail address (2000/0abc@example.com, P*****00%[At]0.AA).
func localPartAhead(text []byte, pos int) bool {
	at, _, _ := localPartWalk(text, pos)
	return at
}

// localPartWalk is localPartAhead's walk. It also returns where it stopped
// and plain, true when it found no '@', every unit it passed was one byte
// and it stopped at a unit that is no local part's or at the end of the
// text, not at its bound: then the walk from any byte up to stop answers
// false too (it passes the same units, a subset of the same places where
// a spelled '@' was looked for, and stops at the same place).
func localPartWalk(text []byte, pos int) (at bool, stop int, plain bool) {
	plain = true
	for n := 0; n < maxLocalPart && pos < len(text); n++ {
		step()
		if plainLocalPartByte[text[pos]] {
			pos++ // what the lines below answer for it, without a call
			continue
		}
		u := decodeUnit(text, pos)
		if u.kind == uAt || n > 0 && spelledAtAhead(text, pos) {
			return true, pos, false
		}
		if !isLocalPartUnit(u) && u.kind != uIgnore {
			return false, pos, plain
		}
		plain = plain && u.size == 1
		pos += u.size
	}
	return false, pos, plain && pos >= len(text)
}

// plainLocalPartByte marks the bytes localPartWalk passes without a
// look further: one-byte units of a local part (letters, digits, '.', '-',
// '_' …) that are no '@', start no character reference and no spelled
// '@' (spelledAtLead). Made from the same tests the walk makes, so the two
// cannot drift.
var plainLocalPartByte = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		step()
		u := plainByteUnit[b]
		t[b] = u.size == 1 && u.kind != uAt && isLocalPartUnit(u) && !spelledAtLead[b]
	}
	return t
}()

// localPartAhead is localPartAhead answered from the stretch the last
// plain walk found no '@' in (noAtLo..noAtHi) when pos is inside it: the
// digit runs of one long token ask from each of their ends, and a walk
// from each would read the rest of the token again.
func (r *digitRun) localPartAhead(text []byte, pos int) bool {
	if pos >= r.noAtLo && pos <= r.noAtHi {
		return false
	}
	at, stop, plain := localPartWalk(text, pos)
	if plain {
		r.noAtLo, r.noAtHi = pos, stop
	}
	return at
}
