package bodyformat

import "unicode/utf8"

// Text sent as hexadecimal (a field a client decodes with
// Buffer.from(s, "hex"), a dump in a log line) is text to whoever decodes
// it: 3133383132333435363738 is a mobile. A run of hex digits long enough
// to spell an identifier that decodes to text is read as that text.

// minHexText is the shortest run of hex digits read so: a mobile's
// eleven bytes.
const minHexText = 22

// decodeHexText returns text with every run of at least minHexText hex
// digits (an even number of them, not glued to a letter or digit) that
// decodes to text, valid UTF-8 with few control characters, written as
// that text, each byte mapped to its pair of digits; or ok false when
// there is none. Each byte is looked at twice at most.
func decodeHexText(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from := 0
	var dec []byte
	for i := 0; i < len(text); {
		if unhex(text[i]) < 0 {
			i++
			continue
		}
		j := i
		digits := false
		for j < len(text) && unhex(text[j]) >= 0 {
			digits = digits || isASCIIDigit(text[j])
			j++
		}
		start, end := i, j
		i = j
		if end-start < minHexText || (end-start)%2 != 0 || !digits ||
			start > 0 && isASCIILetterByte(text[start-1]) || end < len(text) && isASCIILetterByte(text[end]) {
			continue
		}
		dec = dec[:0]
		for k := start; k < end; k += 2 {
			dec = append(dec, byte(unhex(text[k])<<4|unhex(text[k+1])))
		}
		if !readsAsText(dec) {
			continue
		}
		if !ok {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			ok = true
		}
		m.copy(text, from, start)
		for k, b := range dec {
			m.bytes([]byte{b}, start+2*k)
		}
		from = end
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
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
