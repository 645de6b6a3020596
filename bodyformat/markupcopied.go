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
// (maskWithin): a mask that copies markup is as long as its span, byte
// for byte (cellsFinding makes none other), so the value's bytes are the
// mask's at the same offsets. A mask that holds a tag but is not as long
// as its span copies nothing (its tags are the mask's own, or it is no
// cell mask): masked whole then (maskOverMarkup), which is fail closed.

// copiesMarkup reports whether mask may hold markup as written: a tag or
// a comment, which no value's own mask holds.
func copiesMarkup(mask string) bool {
	return strings.ContainsAny(mask, "<>")
}

// overlapsOther reports whether f, overlapping last, may be another value
// than last's while last's mask copies markup: that markup may hold f.
// Only last's value found again over its very span is not (the same
// value, in a title between the cells, is another finding of its own).
func overlapsOther(last, f detect.Finding) bool {
	if !copiesMarkup(last.Masked) {
		return false
	}
	return f.Start != last.Start || f.End != last.End || f.Category != last.Category || f.Fingerprint != last.Fingerprint
}

// maskOther masks f, which overlaps last (f starting at or after last
// does), in last's mask, which copies markup (overlapsOther): when the
// mask is as long as last's span, the bytes of f's part of the span are
// stars (widened to whole characters), and f's part past last's end is
// stars added; else the mask is maskOverMarkup's. last's span is not
// changed (absorb extends it).
func maskOther(last *detect.Finding, f detect.Finding) {
	m := last.Masked
	if len(m) != last.End-last.Start {
		last.Masked = maskOverMarkup(m)
		return
	}
	a, b := max(f.Start, last.Start)-last.Start, min(f.End, last.End)-last.Start
	for a > 0 && !utf8.RuneStart(m[a]) {
		a--
	}
	for b < len(m) && !utf8.RuneStart(m[b]) {
		b++
	}
	var out strings.Builder
	out.Grow(len(m) + max(0, f.End-last.End))
	out.WriteString(m[:a])
	out.WriteString(strings.Repeat("*", b-a+max(0, f.End-last.End)))
	out.WriteString(m[b:])
	last.Masked = out.String()
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
