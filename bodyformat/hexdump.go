package bodyformat

import "slices"

// The shapes of a hex dump hexDump.read reads: one run of digits
// (3133…, after 0x too; an odd run's first digit dropped), or groups of
// an even number of digits, all as long as the first but the last, set
// apart the same way throughout: by blanks (two spaces, a tab: xxd's
// 3133 3831, hexdump -C's gap), by one of : - , . (a blank at most
// before it, blanks after it), or by nothing when every group is written
// after \x or 0x (\x31\x33, {0x31, 0x33}). A dump runs on over lines: a
// line may start with an offset (00000010: or 00000010 followed by two
// blanks), and in a dump whose lines start with offsets a line may end
// with an ASCII column (what stands after two blanks that is no group),
// as xxd and hexdump -C write them; the columns are read joined after
// the dump's bytes.

// maxHexBlanks is the most blanks read between two groups of a dump (an
// ASCII column may stand after more).
const maxHexBlanks = 4

// maxHexGroup is the most digits of a group set apart from the next
// one on the same line; longer runs make a dump only wrapped over lines.
const maxHexGroup = 8

// maxHexOffset is the most digits of a dump line's offset.
const maxHexOffset = 16

// hexDump is one hex dump read: the bytes it decodes to and where each
// one's digits are, reused from dump to dump, and its shape.
type hexDump struct {
	start, end int     // the dump, in the text
	dec        []byte  // the bytes
	at         []int32 // where each byte's digits start
	glued      bool    // a letter runs into it before

	group   int  // digits in each group but the last
	prefix  byte // '0' or '\\' when each group is written after 0x or \x, else 0
	punct   byte // what sets groups apart: ' ' blanks only, or : - , .; 0 not seen yet
	offsets bool // its lines start with offsets: they may end with an ASCII column
	// its groups are little-endian words (after od's or hexdump's
	// offset: wordsOffset), each read byte-swapped; wordsAt is where the
	// last such offset skipped at a line's start ends
	swap    bool
	wordsAt int
	letters bool // a digit of its groups is a letter (a-f)
	spaced  bool // blanks follow its punctuation (31, 33)
	opened  bool // a bracket stands right before it ([31,33)

	afterOffset int // where the last offset skipped at a line's start ends
	// an ASCII column's line: the column seen last starts before
	// lineEnd, and the next line's first group starts at lineNext (-1:
	// the next line does not go on with the dump)
	lineEnd, lineNext int
	// the ASCII columns of the dump's lines, start and end of each: they
	// show its bytes again, an identifier split over two lines' columns
	cols []int
	// where the text after the dump ends: its last line's ASCII column
	colsEnd int
}

// read reads the hex dump whose first digit is text[i] and returns where
// it ends. A line's offset (00000000: before a dump) is skipped, no bytes
// read.
func (h *hexDump) read(text []byte, i int) int {
	h.dec, h.at, h.cols = h.dec[:0], h.at[:0], h.cols[:0]
	h.letters, h.spaced = false, false
	h.opened = i > 0 && (text[i-1] == '[' || text[i-1] == '(' || text[i-1] == '{')
	h.start = i
	j := hexRunEnd(text, i)
	pre := hexPrefix(text, i)
	h.glued = i > 0 && isASCIILetterByte(text[i-1]) && pre == 0
	if (i == 0 || text[i-1] == '\n') && pre == 0 {
		if k, ok := wordsOffset(text, i, j); ok {
			h.afterOffset, h.wordsAt = k, k
			h.end = j
			return j
		}
		if k, ok := hexOffset(text, i, j); ok {
			h.afterOffset = k
			h.end = j
			return j
		}
	}
	if (j-i)%2 != 0 {
		// one run of an odd number of digits: the first dropped (0313338…)
		h.appendGroup(text, i+1, j)
		h.end = j
		return j
	}
	h.group, h.punct, h.offsets = j-i, 0, i-pre == h.afterOffset
	h.swap = pre == 0 && i == h.wordsAt && (h.group == 4 || h.group == 8)
	h.prefix = 0
	if pre != 0 {
		h.prefix = text[i-2]
	}
	h.appendGroup(text, i, j)
	for j-i == h.group {
		k, ok := h.next(text, j)
		if !ok {
			break
		}
		e := hexRunEnd(text, k)
		if n := e - k; h.group == 2 && len(h.dec) == 1 && !h.swap && h.prefix == 0 && n > 2 && n <= maxHexGroup && n%2 == 0 {
			h.group = n // a lone first byte, then groups (a dump from an odd offset: 31 3338 3132 …)
		}
		if n := e - k; n == 0 || n%2 != 0 || n > h.group {
			break
		}
		h.appendGroup(text, k, e)
		i, j = k, e
	}
	h.end, h.colsEnd = j, j
	if k := skipHexBlanks(text, j); h.offsets && k-j >= 2 && k < len(text) && text[k] != '\n' && text[k] != '\r' && !h.groupAt(text, k) {
		h.asciiColumn(text, k) // the last line's
		h.cols = append(h.cols, k, h.lineEnd)
		h.colsEnd = h.lineEnd
	}
	return h.colsEnd
}

// appendGroup appends the bytes the digits text[i:j] spell, two a byte;
// in a dump of little-endian words, last byte first, each mapped to the
// word's first digit (a span over them covers whole words).
func (h *hexDump) appendGroup(text []byte, i, j int) {
	n := len(h.dec)
	if need := n + (j-i)/2; need > cap(h.dec) {
		// one growth a group, doubling: a run of millions of digits is
		// one group, its bytes never copied a quarter larger at a time
		c := max(need, 2*cap(h.dec))
		h.dec, h.at = slices.Grow(h.dec, c-n), slices.Grow(h.at, c-n)
	}
	for k := i; k+1 < j; k += 2 {
		hi, lo := unhex(text[k]), unhex(text[k+1])
		h.letters = h.letters || hi > 9 || lo > 9
		h.dec = append(h.dec, byte(hi<<4|lo))
		h.at = append(h.at, int32(k))
	}
	if h.swap {
		swapWord(h.dec[n:], h.at[n:], i)
	}
}

// swapWord reverses the bytes of a little-endian word, dec, and maps
// each to at, the word's first digit.
func swapWord(dec []byte, offs []int32, at int) {
	for a, b := 0, len(dec)-1; a < b; a, b = a+1, b-1 {
		dec[a], dec[b] = dec[b], dec[a]
	}
	for k := range offs {
		offs[k] = int32(at)
	}
}

// next reads what sets the group that ends at text[j] apart from the
// next one and returns where the next group's digits start, or ok false
// when the dump ends at j.
func (h *hexDump) next(text []byte, j int) (int, bool) {
	k := skipHexBlanks(text, j)
	blanks := k - j
	punct := byte(' ')
	if k < len(text) && (text[k] == ':' || text[k] == '-' || text[k] == ',' || text[k] == '.') && blanks <= 1 {
		punct = text[k]
		k = skipHexBlanks(text, k+1)
		h.spaced = h.spaced || k > j+blanks+1
	}
	if h.punct == 0 {
		h.punct = punct
	}
	switch {
	case punct != h.punct:
		return 0, false
	case k < len(text) && (text[k] == '\n' || text[k] == '\r'):
		if text[k] == '\r' {
			k++
		}
		if k < len(text) && text[k] == '\n' {
			k++
		}
		k = skipHexBlanks(text, k)
		e := hexRunEnd(text, k)
		if o, ok := wordsOffset(text, k, e); ok && h.swap {
			k = o
		} else if o, ok := hexOffset(text, k, e); ok {
			k, h.offsets = o, true
		}
	case h.group > maxHexGroup:
		return 0, false // long runs go on over lines only (xxd -p)
	case punct == ' ' && h.offsets && blanks >= 2 && !h.groupAt(text, k):
		// an ASCII column, then the next line's offset
		col := k
		if k = h.asciiColumn(text, k); k < 0 {
			return 0, false
		}
		h.cols = append(h.cols, col, h.lineEnd)
	case blanks > maxHexBlanks:
		return 0, false
	}
	if h.prefix != 0 {
		if k+1 >= len(text) || text[k] != h.prefix || text[k+1]|0x20 != 'x' {
			return 0, false
		}
		k += 2
	}
	if k == j || k >= len(text) || unhex(text[k]) < 0 {
		return 0, false
	}
	return k, true
}

// groupAt reports whether a group of the dump's length (its prefix
// included) starts at text[k] and ends before a blank, a line break or
// the text's end, as a dump's next group does.
func (h *hexDump) groupAt(text []byte, k int) bool {
	if h.prefix != 0 {
		if k+1 >= len(text) || text[k] != h.prefix || text[k+1]|0x20 != 'x' {
			return false
		}
		k += 2
	}
	e := hexRunEnd(text, k)
	return e-k == h.group && (e == len(text) || text[e] == ' ' || text[e] == '\t' || text[e] == '\n' || text[e] == '\r')
}

// asciiColumn skips the ASCII column that starts at text[k] and the
// next line's offset, and returns where the next line's first group
// starts, or -1 when the next line does not start with an offset. Each
// line is looked at once however many groups end before its column.
func (h *hexDump) asciiColumn(text []byte, k int) int {
	if k < h.lineEnd {
		return h.lineNext
	}
	e := k
	for e < len(text) && text[e] != '\n' {
		e++
	}
	countReadingSteps(e - k)
	h.lineEnd, h.lineNext = e, -1
	if e < len(text) {
		n := e + 1
		if o, ok := hexOffset(text, n, hexRunEnd(text, n)); ok {
			h.lineNext = o
		}
	}
	return h.lineNext
}

// hexOffset reports whether the hex digits text[i:j] at a line's start
// are a dump line's offset: at most maxHexOffset digits followed by a
// colon and blanks, or by two blanks or more and a shorter run of
// digits (hexdump -C's 00000010  36 37), then a hex digit; and
// returns where what follows the offset starts.
func hexOffset(text []byte, i, j int) (int, bool) {
	if j == i || j-i > maxHexOffset || j >= len(text) {
		return 0, false
	}
	k := j
	if text[k] == ':' {
		k++
	}
	e := skipHexBlanks(text, k)
	if e == k || k == j && (e-k < 2 || hexRunEnd(text, e)-e >= j-i) || e >= len(text) {
		return 0, false // no colon: two blanks, and groups shorter than the offset
	}
	if unhex(text[e]) < 0 && !(text[e] == '\\' && e+1 < len(text) && text[e+1]|0x20 == 'x') {
		return 0, false
	}
	return e, true
}

// wordsOffsetLen is the length of od's and hexdump's offsets (octal
// for od, hex for hexdump).
const wordsOffsetLen = 7

// wordsOffset reports whether the hex digits text[i:j] at a line's start
// are the offset od and hexdump write before little-endian words (od -x,
// od -t x4, hexdump's default and -x: 0000000 3331 3833 …): seven digits,
// blanks, then a word of 4 or 8 digits that a blank, a line break or the
// text's end follows; and returns where the word starts.
func wordsOffset(text []byte, i, j int) (int, bool) {
	if j-i != wordsOffsetLen || j >= len(text) || text[j] != ' ' && text[j] != '\t' {
		return 0, false
	}
	e := skipHexBlanks(text, j)
	w := hexRunEnd(text, e) - e
	if w != 4 && w != 8 {
		return 0, false
	}
	if x := e + w; x < len(text) && text[x] != ' ' && text[x] != '\t' && text[x] != '\n' && text[x] != '\r' {
		return 0, false
	}
	return e, true
}

// hexRunEnd returns where the run of hex digits that starts at text[i]
// ends.
func hexRunEnd(text []byte, i int) int {
	j := i
	for j < len(text) && unhex(text[j]) >= 0 {
		j++
	}
	countReadingSteps(j - i + 1)
	return j
}

// skipHexBlanks returns where the spaces and tabs that start at text[i]
// end.
func skipHexBlanks(text []byte, i int) int {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	countReadingSteps(j - i)
	return j
}

// hexPrefix returns the length of the 0x or \x that stands right before
// text[i], or 0.
func hexPrefix(text []byte, i int) int {
	if i >= 2 && text[i-1]|0x20 == 'x' && (text[i-2] == '0' || text[i-2] == '\\') {
		return 2
	}
	return 0
}
