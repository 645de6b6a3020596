package detect

import (
	"unicode/utf8"
	"unsafe"
)

// The masks of a scan's findings are written in two sweeps over the kept
// hits: sizeMasks measures them, so that what they are written into is
// made once at its final size, and appendKeptMask writes them.

// sizeMasks returns how many bytes the masks of the kept hits take under
// the engine's mask style. A partial mask that would leave a kept
// character glued to its neighbours (keptGlued) is starred whole instead,
// and the hit remembers it (starred), so that the sweep that writes the
// masks does not look at the neighbours again.
func (s *scanner) sizeMasks(kept []hit) int {
	n := 0
	for k := range kept {
		step()
		n += s.maskLen(&kept[k])
	}
	return n
}

// maskLen returns the length of h's mask.
func (s *scanner) maskLen(h *hit) int {
	c := AllCategories[h.cat]
	switch s.e.mask {
	case MaskLabel:
		return len("[]") + len(c)
	case MaskHash:
		return len("[_]") + len(c) + hashMaskHex
	case MaskFull:
		return utf8.RuneCount(s.norm(h))
	}
	norm := s.norm(h)
	m := s.e.appendMask(s.scratch[:0], h.cat, norm, nil)
	s.scratch = m[:0]
	if keptGlued(s.text, h.Start, h.End, m, c) {
		h.flags |= hitStarred
		return utf8.RuneCount(norm)
	}
	return len(m)
}

// hashMaskHex is how many hex digits of a fingerprint a hash mask shows.
const hashMaskHex = 12

// appendKeptMask appends h's mask to dst, after sizeMasks has measured
// it; fingerprint is h's fingerprint in hex, needed under MaskHash only.
func (s *scanner) appendKeptMask(dst []byte, h *hit, fingerprint []byte) []byte {
	if h.flags&hitStarred != 0 {
		return appendStars(dst, utf8.RuneCount(s.norm(h)))
	}
	return s.e.appendMask(dst, h.cat, s.norm(h), fingerprint)
}

// frozenString returns the bytes of b as a string without copying them.
// The caller never changes those bytes again: b is a part of a buffer of
// the caller's own, already written and never reused (each later write
// goes beyond it, or into a new array if the buffer grows, which leaves
// the old one as it was).
func frozenString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
