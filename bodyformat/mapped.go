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

// grow makes room for n more bytes, doubling what a reading holds rather
// than letting append grow it by a quarter at a time: a reading built of
// many small pieces (a body of escapes or RTF groups) would otherwise
// allocate five times its size over its growth, most of it garbage.
func (m *mapped) grow(n int) {
	if need := len(m.dst) + n; need > cap(m.dst) {
		m.dst = slices.Grow(m.dst, max(need, 2*cap(m.dst))-len(m.dst))
	}
	if need := len(m.offs) + n + 1; need > cap(m.offs) {
		m.offs = slices.Grow(m.offs, max(need, 2*cap(m.offs))-len(m.offs))
	}
}

// copy appends text[from:to] as it is, a step a byte: a reading that
// copied a stretch again and again would show in the count.
func (m *mapped) copy(text []byte, from, to int) {
	if to <= from {
		return
	}
	countReadingSteps(to - from)
	m.grow(to - from)
	n := len(m.offs)
	m.offs = m.offs[:n+to-from] // grow made the room
	for k, o := 0, m.offs[n:]; k < len(o); k++ {
		o[k] = int32(from + k)
	}
	m.dst = append(m.dst, text[from:to]...)
}

// rune appends r, decoded from what stands at offset at of the text.
func (m *mapped) rune(r rune, at int) {
	m.grow(utf8.UTFMax)
	n := len(m.dst)
	m.dst = utf8.AppendRune(m.dst, r)
	for range len(m.dst) - n {
		m.offs = append(m.offs, int32(at))
	}
}

// bytes appends b, decoded from what stands at offset at of the text.
func (m *mapped) bytes(b []byte, at int) {
	m.grow(len(b))
	for range b {
		m.offs = append(m.offs, int32(at))
	}
	m.dst = append(m.dst, b...)
}

// appendFrom appends what o holds, bytes and offsets, a step a byte.
func (m *mapped) appendFrom(o *mapped) {
	countReadingSteps(len(o.dst))
	m.grow(len(o.dst))
	m.dst = append(m.dst, o.dst...)
	m.offs = append(m.offs, o.offs...)
}

// done returns the reading and its offsets, closed by the text's length.
func (m *mapped) done(textLen int) ([]byte, []int32) {
	return m.dst, append(m.offs, int32(textLen))
}
