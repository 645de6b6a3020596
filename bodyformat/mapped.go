package bodyformat

import (
	"slices"
	"unicode/utf8"
)

// mapped is a decoded reading of a text being built: its bytes and, for
// each, the offset in the text it comes from, as findIn and rawSpan read
// them. Every decoder of a reading (escapes, CSS, character references,
// numbers, bidi) builds with it.
type mapped struct {
	dst  []byte
	offs []int32
}

// copy appends text[from:to] as it is.
func (m *mapped) copy(text []byte, from, to int) {
	if to <= from {
		return
	}
	n := len(m.offs)
	m.offs = slices.Grow(m.offs, to-from)[:n+to-from]
	for k, o := 0, m.offs[n:]; k < len(o); k++ {
		o[k] = int32(from + k)
	}
	m.dst = append(m.dst, text[from:to]...)
}

// rune appends r, decoded from what stands at offset at of the text.
func (m *mapped) rune(r rune, at int) {
	n := len(m.dst)
	m.dst = utf8.AppendRune(m.dst, r)
	for range len(m.dst) - n {
		m.offs = append(m.offs, int32(at))
	}
}

// bytes appends b, decoded from what stands at offset at of the text.
func (m *mapped) bytes(b []byte, at int) {
	for range b {
		m.offs = append(m.offs, int32(at))
	}
	m.dst = append(m.dst, b...)
}

// done returns the reading and its offsets, closed by the text's length.
func (m *mapped) done(textLen int) ([]byte, []int32) {
	return m.dst, append(m.offs, int32(textLen))
}
