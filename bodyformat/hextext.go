package bodyformat

import "unicode/utf8"

// Text sent as hexadecimal (a field a client decodes with
// Buffer.from(s, "hex"), a dump in a log line, a byte array in source
// code) is text to whoever decodes it: 3133383132333435363738 is a
// mobile. A hex dump (hexDump.read: one run, or groups of digits in the
// shapes dump tools and source code write them) that holds text is read
// as the bytes it decodes to: UTF-16 (00310033…) as its low bytes, NUL
// bytes and a frame of bytes that are no text around it dropped, a byte
// that is no UTF-8 read as U+FFFD.

// minHexText is the shortest run of hex digits read so: a mobile's
// eleven bytes.
const minHexText = 22

// decodeHexText returns text with every hex dump (hexDump.read) that
// holds text (hexDump.text) written as the bytes it decodes to, each byte
// mapped to its pair of digits; or ok false when there is none. Each byte
// is looked at a few times at most. The dumps are read into h, whose
// arrays are reused (an inspector's, from piece to piece: holdHexDump).
func decodeHexText(text []byte, h *hexDump) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from := 0
	*h = hexDump{afterOffset: -1, wordsAt: -1, dec: h.dec[:0], at: h.at[:0], cols: h.cols[:0]}
	var dec []byte // an ambiguous dump's bytes, kept to be read swapped too
	var at []int32
	for i := 0; i < len(text); {
		if unhex(text[i]) < 0 {
			countReadingSteps(1)
			i++
			continue
		}
		end := h.read(text, i)
		i = max(end, i+1)
		both := h.wordsBothWays()
		if both {
			dec, at = append(dec[:0], h.dec...), append(at[:0], h.at...)
		}
		read := h.text()
		if !read && !both {
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
		from = start
		if read {
			from = h.emit(&m, text)
		}
		if both {
			// 32-bit words after xxd's offset: xxd -g4 writes them big
			// endian, xxd -e little endian; read both ways
			h.dec, h.at = h.dec[:0], h.at[:0]
			for k := 0; k < len(dec); k += 4 {
				n := len(h.dec)
				h.dec, h.at = append(h.dec, dec[k:min(k+4, len(dec))]...), append(h.at, at[k:min(k+4, len(at))]...)
				swapWord(h.dec[n:], h.at[n:], int(h.at[n]))
			}
			if h.text() {
				m.bytes([]byte("\n\n"), from)
				from = max(from, h.emit(&m, text))
			}
		}
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// emit appends the bytes of the dump read to m, and its ASCII columns
// joined after them, and returns where the text after the dump goes on.
func (h *hexDump) emit(m *mapped, text []byte) int {
	for k := 0; k < len(h.dec); {
		r, n := utf8.DecodeRune(h.dec[k:])
		if r == utf8.RuneError && n == 1 {
			m.rune(r, int(h.at[k])) // no UTF-8: what a decoder shows
		} else {
			m.bytes(h.dec[k:k+n], int(h.at[k]))
		}
		k += n
	}
	if e := h.end; e < len(text) && (isASCIILetterByte(text[e]) || isASCIIDigit(text[e])) {
		m.bytes([]byte{' '}, e) // a decoder stops at the letter: what it reads ends there
	}
	if len(h.cols) > 2 {
		// the ASCII columns of a dump over lines, read joined after it
		m.bytes([]byte("\n\n"), h.end)
		for c := 0; c+1 < len(h.cols); c += 2 {
			m.copy(text, h.cols[c], h.cols[c+1])
		}
		return h.colsEnd
	}
	return h.end
}

// wordsBothWays reports whether the dump read is one of 32-bit words
// after xxd's offsets (00000000: 31383331 …), which xxd -g4 writes big
// endian and xxd -e little endian: nothing in the dump tells which.
func (h *hexDump) wordsBothWays() bool {
	return h.group == 8 && h.offsets && !h.swap && h.prefix == 0 && !h.glued && 2*len(h.dec) >= minHexText
}

// decimalList reports whether the dump read is a list of decimal numbers
// more than hex: groups of decimal digits only, set apart by commas with
// blanks after them (a list in prose or a JSON array's: 31, 35, 36) or
// right after an opening bracket (a script's array literal [31,35,36]),
// no 0x before them, no offsets: daily highs between 30 and 39 spell a
// mobile read as hex. Hex of text set apart by commas is written with 0x
// ({0x31, 0x33}) or by bytes.hex(",") (31,33,38 in a string or a line),
// both read.
func (h *hexDump) decimalList() bool {
	return h.punct == ',' && h.prefix == 0 && !h.letters && !h.offsets && (h.spaced || h.opened)
}

// maxHexFrame is the most bytes that are no text read around the text
// of a dump: a protobuf field's tag and length before it (0a0b), the next
// field's tag after it, a stray byte.
const maxHexFrame = 4

// text reports whether the dump read may spell an identifier: not glued
// to a letter before it, and once read as UTF-16 (every other byte zero,
// after a byte-order mark or not), without the NUL bytes around it and up
// to maxHexFrame bytes that are no text at either end, text
// (mostlyText). The bytes of the frame are not read.
func (h *hexDump) text() bool {
	if h.glued || 2*len(h.dec) < minHexText || h.decimalList() {
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
	for n := 0; n < maxHexFrame && lo < hi; n++ {
		if r, size := utf8.DecodeRune(h.dec[lo:hi]); !(r == utf8.RuneError && size == 1 || r < 0x20 || r == 0x7F) {
			break
		}
		lo++
	}
	for n := 0; n < maxHexFrame && lo < hi; n++ {
		if r, size := utf8.DecodeLastRune(h.dec[lo:hi]); !(r == utf8.RuneError && size == 1 || r < 0x20 || r == 0x7F) {
			break
		}
		hi--
	}
	h.dec, h.at = h.dec[lo:hi], h.at[lo:hi]
	return 2*len(h.dec) >= minHexText && mostlyText(h.dec)
}

// fromUTF16 keeps only the low bytes of the dump when every other byte is
// zero, after a byte-order mark or not: ASCII text written as UTF-16, big
// or little endian.
func (h *hexDump) fromUTF16() {
	from := 0
	if len(h.dec) >= 2 && (h.dec[0] == 0xFF && h.dec[1] == 0xFE || h.dec[0] == 0xFE && h.dec[1] == 0xFF) {
		from = 2
	}
	dec, at := h.dec[from:], h.at[from:]
	if len(dec) < 4 || len(dec)%2 != 0 {
		return
	}
	for _, first := range []int{0, 1} { // the zero bytes: 0 big endian, 1 little
		zero := true
		for k := first; k < len(dec) && zero; k += 2 {
			zero = dec[k] == 0
		}
		if !zero {
			continue
		}
		n := 0
		for k := 1 - first; k < len(dec); k += 2 {
			h.dec[n], h.at[n] = dec[k], at[k]
			n++
		}
		h.dec, h.at = h.dec[:n], h.at[:n]
		return
	}
}

// mostlyText reports whether decoded bytes b are text: at most one byte
// in twenty a control character (line breaks and tabs are text) or a byte
// that is no UTF-8, which a decoder shows as U+FFFD.
func mostlyText(b []byte) bool {
	bad := 0
	for k := 0; k < len(b); {
		r, n := utf8.DecodeRune(b[k:])
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7F {
			bad++
		}
		k += n
	}
	return bad*20 <= len(b)
}

// readsAsText reports whether decoded bytes b are text: valid UTF-8, at
// most one control character in twenty bytes (line breaks and tabs are
// text).
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
