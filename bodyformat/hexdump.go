package bodyformat

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
	h.start = i
	j := hexRunEnd(text, i)
	pre := hexPrefix(text, i)
	h.glued = i > 0 && isASCIILetterByte(text[i-1]) && pre == 0
	if (i == 0 || text[i-1] == '\n') && pre == 0 {
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

// appendGroup appends the bytes the digits text[i:j] spell, two a byte.
func (h *hexDump) appendGroup(text []byte, i, j int) {
	for k := i; k+1 < j; k += 2 {
		h.dec = append(h.dec, byte(unhex(text[k])<<4|unhex(text[k+1])))
		h.at = append(h.at, int32(k))
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
		if o, ok := hexOffset(text, k, hexRunEnd(text, k)); ok {
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
