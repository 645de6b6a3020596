package bodyformat

import "unicode/utf8"

// Text sent as hexadecimal (a field a client decodes with
// Buffer.from(s, "hex"), a dump in a log line) is text to whoever decodes
// it: 3133383132333435363738 is a mobile. A run of hex digits long enough
// to spell an identifier that decodes to text is read as that text, in
// the shapes dumps are written in: one run (after 0x too), bytes set
// apart by a space, a colon, a dash or a comma, or each written \x31;
// UTF-16 (00310033…), and NUL bytes around the text.

// minHexText is the shortest run of hex digits read so: a mobile's
// eleven bytes.
const minHexText = 22

// hexSeps are what may stand between the bytes of a dump, one kind a run.
var hexSeps = []string{" ", ":", "-", ",", `\x`, `\X`}

// decodeHexText returns text with every hex run (hexRun) that decodes to
// text, valid UTF-8 with few control characters, written as that text,
// each byte mapped to its pair of digits; or ok false when there is
// none. Each byte is looked at three times at most.
func decodeHexText(text []byte) ([]byte, []int32, bool) {
	var h hexDump
	return decodeHexTextWith(text, &h)
}

// decodeHexTextWith is decodeHexText reading each run into h, whose
// buffers are kept from call to call (inspector.hex): most runs (a trace
// ID's 32 digits) decode to no text and are dropped.
func decodeHexTextWith(text []byte, h *hexDump) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from := 0
	for i := 0; i < len(text); {
		if unhex(text[i]) < 0 {
			countReadingSteps(1)
			i++
			continue
		}
		end := h.read(text, i)
		i = max(end, i+1)
		if !h.text() {
			continue
		}
		if !ok {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			ok = true
		}
		start := h.start
		if p := hexPrefix(text, start); start-p >= from {
			start -= p // 0x3133…, \x31\x33…: the prefix goes with the bytes
		}
		m.copy(text, from, start)
		for k, b := range h.dec {
			m.bytes([]byte{b}, int(h.at[k]))
		}
		from = h.end
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// hexDump is one hex run read: the bytes it decodes to and where each
// one's digits are, reused from run to run.
type hexDump struct {
	start, end int     // the run, in the text
	dec        []byte  // the bytes
	at         []int32 // where each byte's digits start
	glued      bool    // a letter or digit runs on at either end
}

// read reads the hex run that starts at text[i] and returns where it
// ends: the bytes of a dump set apart by one kind of separator, each two
// digits; else one run of digits, whose first digit is dropped when their
// number is odd (0313338…).
func (h *hexDump) read(text []byte, i int) int {
	h.dec, h.at = h.dec[:0], h.at[:0]
	h.start = i
	j := i
	for j < len(text) && unhex(text[j]) >= 0 {
		j++
	}
	countReadingSteps(j - i)
	if j-i == 2 {
		// a byte: a dump's first, when a separator and a byte follow
		for _, sep := range hexSeps {
			if k := j + len(sep); k+2 <= len(text) && string(text[j:k]) == sep && unhex(text[k]) >= 0 && unhex(text[k+1]) >= 0 {
				return h.readSeparated(text, i, sep)
			}
		}
	}
	start := i
	if (j-i)%2 != 0 {
		start++
	}
	for k := start; k+1 < j; k += 2 {
		h.dec = append(h.dec, byte(unhex(text[k])<<4|unhex(text[k+1])))
		h.at = append(h.at, int32(k))
	}
	h.end = j
	h.glued = glued(text, i, j)
	return j
}

// readSeparated reads the bytes of a dump, each two digits after sep.
func (h *hexDump) readSeparated(text []byte, i int, sep string) int {
	j := i
	for {
		h.dec = append(h.dec, byte(unhex(text[j])<<4|unhex(text[j+1])))
		h.at = append(h.at, int32(j))
		j += 2
		countReadingSteps(2 + len(sep))
		k := j + len(sep)
		if k+2 > len(text) || string(text[j:k]) != sep || unhex(text[k]) < 0 || unhex(text[k+1]) < 0 ||
			k+2 < len(text) && unhex(text[k+2]) >= 0 {
			break
		}
		j = k
	}
	h.end = j
	h.glued = glued(text, i, j) || j < len(text) && unhex(text[j]) >= 0
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

// glued reports whether a letter or digit runs on into text[i:j] from
// either side; a 0x or \x before it is a prefix, not a letter.
func glued(text []byte, i, j int) bool {
	before := i > 0 && isASCIILetterByte(text[i-1]) && hexPrefix(text, i) == 0
	return before || j < len(text) && isASCIILetterByte(text[j])
}

// text reports whether the run read is text that may spell an
// identifier: long enough, not glued, valid UTF-8 with few control
// characters once read as UTF-16 (every other byte zero) and without the
// NUL bytes around it.
func (h *hexDump) text() bool {
	if h.glued || 2*len(h.dec) < minHexText {
		return false
	}
	h.fromUTF16()
	lo, hi := 0, len(h.dec)
	for lo < hi && h.dec[lo] == 0 {
		lo++
	}
	for hi > lo && h.dec[hi-1] == 0 {
		hi--
	}
	h.dec, h.at = h.dec[lo:hi], h.at[lo:hi]
	return 2*len(h.dec) >= minHexText && readsAsText(h.dec)
}

// fromUTF16 keeps only the low bytes of the run when every other byte is
// zero: ASCII text written as UTF-16, big or little endian.
func (h *hexDump) fromUTF16() {
	if len(h.dec) < 4 || len(h.dec)%2 != 0 {
		return
	}
	for _, first := range []int{0, 1} { // the zero bytes: 0 big endian, 1 little
		zero := true
		for k := first; k < len(h.dec) && zero; k += 2 {
			zero = h.dec[k] == 0
		}
		if !zero {
			continue
		}
		n := 0
		for k := 1 - first; k < len(h.dec); k += 2 {
			h.dec[n], h.at[n] = h.dec[k], h.at[k]
			n++
		}
		h.dec, h.at = h.dec[:n], h.at[:n]
		return
	}
}

// readsAsText reports whether decoded bytes b are text: valid UTF-8, at most one control
// character in twenty bytes (line breaks and tabs are text).
func readsAsText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7F {
			ctl++
		}
	}
	return ctl*20 <= len(b)
}
