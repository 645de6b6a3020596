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
	n, next := 0, 0
	for k := range kept {
		step()
		n += s.maskLen(&kept[k], s.padOf(k, &kept[k], &next))
	}
	return n
}

// maskLen returns the length of h's mask, with the stars of its pad.
func (s *scanner) maskLen(h *hit, pad hitPad) int {
	c := AllCategories[h.cat]
	pre, post := s.padStars(pad)
	switch s.e.mask {
	case MaskLabel:
		return len("[]") + len(c)
	case MaskHash:
		return len("[_]") + len(c) + hashMaskHex
	case MaskFull:
		return pre + utf8.RuneCount(s.norm(h)) + post
	}
	norm := s.norm(h)
	m := appendStars(s.scratch[:0], pre)
	m = s.e.appendMask(m, h.cat, norm, nil)
	m = appendStars(m, post)
	s.scratch = m[:0]
	if keptGlued(s.text, pad.start, pad.end, m, c) {
		h.flags |= hitStarred
		return pre + utf8.RuneCount(norm) + post
	}
	return len(m)
}

// hashMaskHex is how many hex digits of a fingerprint a hash mask shows.
const hashMaskHex = 12

// appendKeptMask appends h's mask to dst, with the stars of its pad,
// after sizeMasks has measured it; fingerprint is h's fingerprint in hex, needed under MaskHash only.
func (s *scanner) appendKeptMask(dst []byte, h *hit, pad hitPad, fingerprint []byte) []byte {
	pre, post := s.padStars(pad)
	dst = appendStars(dst, pre)
	if h.flags&hitStarred != 0 {
		dst = appendStars(dst, utf8.RuneCount(s.norm(h)))
	} else {
		dst = s.e.appendMask(dst, h.cat, s.norm(h), fingerprint)
	}
	return appendStars(dst, post)
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
