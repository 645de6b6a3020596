package bodyformat

import (
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A value read across the cells of a page is masked with the markup
// between its parts copied as written (cellsFinding). That markup may hold
// a value of its own which a reading finds (an e-mail spelled
// alex{at}example.com in a <td title=…> between the cells, or in an
// <a href> inside a cell's digits): its finding lies within the mask's
// span, and merged into it (absorb) would go out as the mask copies it,
// whatever characters it is spelled with. So a merge that takes another
// value into such a mask masks that value where it stands in the mask
// (markupHoles): a mask that copies markup is as long as its span, byte
// for byte (cellsFinding makes none other), so the value's bytes are the
// mask's at the same offsets. A mask that holds a tag but is not as long
// as its span copies nothing (its tags are the mask's own, or it is no
// cell mask): it is masked whole then (maskOverMarkup), fail closed.

// copiesMarkup reports whether mask may hold markup as written: a tag or
// a comment, which no value's own mask holds.
func copiesMarkup(mask string) bool {
	return strings.ContainsAny(mask, "<>")
}

// overlapsOther reports whether f, overlapping last, may be another value
// than last's while last's mask, or f's, copies markup: that markup may
// hold f. Only last's value found again over its very span is not (the
// same value, in a title between the cells, is another finding of its
// own). A mask's first tag comes after its first part's mask, a value's:
// the look for one is short.
func overlapsOther(last, f detect.Finding) bool {
	if !copiesMarkup(last.Masked) && !copiesMarkup(f.Masked) {
		return false
	}
	return f.Start != last.Start || f.End != last.End || f.Category != last.Category || f.Fingerprint != last.Fingerprint
}

// markupHoles gathers the spans of the other values a merge takes into a
// mask that copies markup (overlapsOther), to mask them in it where they
// stand in one pass when the merge is done with that mask (fill): masked
// again for each, a mask would cost its length as often as values go
// into it (a title between the cells holding a thousand e-mails).
type markupHoles struct {
	spans   [][2]int // in the document, by start (the merge's order)
	maskEnd int      // the end of the span the mask was made for
}

// add notes f, another value absorb takes into last.
func (h *markupHoles) add(last, f *detect.Finding) {
	if len(h.spans) == 0 {
		h.maskEnd = last.End
	}
	h.spans = append(h.spans, [2]int{f.Start, f.End})
}

// newMask notes that last has taken a mask made for its span as it is.
func (h *markupHoles) newMask(last *detect.Finding) { h.maskEnd = last.End }

// fill masks the spans noted in last's mask, and forgets them. When the
// mask is as long as the span it was made for, the bytes of each span
// are stars (widened to whole characters), and the span's part past that
// end is stars added; else the mask copies nothing as written
// (maskOverMarkup). A mask that holds no tag is left as it is.
func (h *markupHoles) fill(last *detect.Finding) {
	if len(h.spans) == 0 {
		return
	}
	defer func() { h.spans = h.spans[:0] }()
	m := last.Masked
	countReadingSteps(len(m) + len(h.spans))
	switch {
	case !copiesMarkup(m):
		return
	case len(m) != h.maskEnd-last.Start:
		last.Masked = maskOverMarkup(m)
		return
	}
	var b strings.Builder
	b.Grow(last.End - last.Start)
	at := 0 // the bytes of m written
	for _, s := range h.spans {
		x, y := max(s[0]-last.Start, at), min(s[1], h.maskEnd)-last.Start
		for x > at && !utf8.RuneStart(m[x]) {
			x--
		}
		for y < len(m) && !utf8.RuneStart(m[y]) {
			y++
		}
		if x >= y {
			continue
		}
		b.WriteString(m[at:x])
		writeStars(&b, y-x)
		at = y
	}
	b.WriteString(m[at:])
	writeStars(&b, last.End-h.maskEnd)
	last.Masked = b.String()
}

// writeStars writes n stars to b.
func writeStars(b *strings.Builder, n int) {
	for range n {
		b.WriteByte('*')
	}
}

// maskOverMarkup returns mask with the markup it may copy taken out: each
// character outside a tag or comment, but for white space, becomes a
// star, and the tags and comments go (the span's text in one mask, none
// of its bytes written out; the tags on either side of the span keep the
// page whole).
func maskOverMarkup(mask string) string {
	var b strings.Builder
	in := false
	for _, r := range mask {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case in || r == ' ' || r == '\t' || r == '\n' || r == '\r':
		default:
			b.WriteByte('*')
		}
	}
	return b.String()
}
