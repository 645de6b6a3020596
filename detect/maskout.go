package detect

import (
	"unicode/utf8"
	"unsafe"
)

// The masks of a scan's findings are written in one sweep over the kept
// hits, straight into the buffer that holds them (the redacted text, or
// the masks of FindSampled's findings). That buffer is made at an estimate
// of its size (maskBytes) and grows in the rare case it is short; a mask
// is never measured before it is written.

// maskBytes returns an estimate of how many bytes the masks of the kept
// hits take: a partial mask is at most its category's maskGrowth longer
// than what it replaces, and no longer than its maxMask; a full one is no
// longer (a star a character of the normalised value, never longer than
// the raw one); a label or a hash mask is at most the category's name and
// the fingerprint. A short estimate costs the buffer one more growth,
// nothing else.
func (s *scanner) maskBytes(kept []hit) int {
	n := 0
	for k := range kept {
		step()
		n += s.maskBytesOf(&kept[k])
	}
	return n
}

// maskBytesOf is maskBytes of the one hit h.
func (s *scanner) maskBytesOf(h *hit) int {
	raw := h.End - h.Start
	switch s.e.mask {
	case MaskLabel, MaskHash:
		return len("[_]") + maxCategoryLen + hashMaskHex
	case MaskFull:
		return raw
	}
	d := &registry[h.cat]
	m := raw + d.maskGrowth
	if d.maxMask > 0 {
		m = min(m, d.maxMask)
	}
	return m
}

// maxCategoryLen is the length of the longest category name.
var maxCategoryLen = func() int {
	n := 0
	for _, c := range AllCategories {
		n = max(n, len(c))
	}
	return n
}()

// keptBytes returns how many bytes of text the kept hits cover.
func (s *scanner) keptBytes(kept []hit) int {
	n := 0
	for k := range kept {
		step()
		n += int(kept[k].End - kept[k].Start)
	}
	return n
}

// hashMaskHex is how many hex digits of a fingerprint a hash mask shows.
const hashMaskHex = 12

// appendKeptMask appends h's mask to dst, with the stars of its pad;
// fingerprint is h's fingerprint in hex, needed under MaskHash only. A
// partial mask that would leave a kept character glued to its neighbours
// (keptGlued) is starred whole instead; the cell separators of the span
// stay in it (keepCells).
func (s *scanner) appendKeptMask(dst []byte, h *hit, pad hitPad, fingerprint []byte) []byte {
	pre, post := s.padStars(pad)
	at := len(dst)
	norm := s.norm(h)
	dst = appendStars(dst, pre)
	if n, ok := s.keptOf(h); ok {
		dst = append(append(dst, s.text[h.Start:h.Start+n]...), addressStars...) // maskAddress, its keepDistrict known
	} else {
		dst = s.e.appendMask(dst, h.cat, norm, fingerprint)
	}
	if h.flags&hitXApart != 0 && len(dst) > at && (dst[len(dst)-1] == 'X' || dst[len(dst)-1] == '*') {
		// the X stays in the text after the span (see cand.xApart): a
		// partial or full mask does not write it a second time
		dst = dst[:len(dst)-1]
	}
	dst = appendStars(dst, post)
	switch s.e.mask {
	case MaskLabel, MaskHash, MaskFull:
		return keepCells(dst, at, s.text[pad.start:pad.end])
	}
	if keptGlued(s.text, pad.start, pad.end, dst[at:], AllCategories[h.cat]) {
		n := utf8.RuneCount(norm)
		if h.flags&hitXApart != 0 {
			n--
		}
		dst = appendStars(dst[:at], pre+n+post)
	}
	return keepCells(dst, at, s.text[pad.start:pad.end])
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
