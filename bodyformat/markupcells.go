package bodyformat

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A value read across the blocks of a page (<td>手机：138</td><td>1234</td>
// <td>5678</td>, read joined behind a label: delimited.go) is masked in
// each block where its part stands, the tags between kept: mapped back
// whole (rawFinding), one mask ran from the first cell's digits to the
// last's, and the view's separators it held ("\n|\n") replaced the
// cells' tags in the page.

// cellsFinding maps f, a finding of doc's markup view that takes in the
// view's separators (synthetic text, which stands for the tags that end a
// block: a cell, a paragraph, a list item), back to the document as one
// span whose mask keeps those tags as written: each block's part of f
// is mapped on its own (rawSpanFinding) and given its part of f's mask
// where the mask keeps the separators where they stand, stars else; the
// document's bytes between two parts go into the mask unchanged. ok is
// false when f takes in no separator, or text a style sheet generates
// (masked whole: rawSpanFinding).
func cellsFinding(doc, view []byte, segs []viewSeg, f detect.Finding) (_ detect.Finding, ok bool) {
	if f.End-f.Start < 2 || len(segs) == 0 || overlapsGenerated(segs, f.Start, f.End) {
		return f, false
	}
	var cuts [][2]int // the separators within f, in the view
	k, _ := slices.BinarySearchFunc(segs, f.Start, func(g viewSeg, v int) int { return g.viewEnd() - 1 - v })
	for ; k < len(segs) && int(segs[k].view) < f.End; k++ {
		if g := segs[k]; g.synthetic && g.n > 0 && g.textAt() > f.Start && g.viewEnd() < f.End {
			cuts = append(cuts, [2]int{g.textAt(), g.viewEnd()})
		}
	}
	if len(cuts) == 0 {
		return f, false
	}
	aligned := maskAligned(view[f.Start:f.End], f.Masked, cuts, f.Start)
	out, n, parts := f, 0, 0
	var mask strings.Builder
	from := f.Start
	for c := 0; c <= len(cuts); c++ {
		to := f.End
		if c < len(cuts) {
			to = cuts[c][0]
		}
		if from < to && !allSpace(view[from:to]) {
			var partMask string
			if aligned {
				partMask = runeSlice(f.Masked, utf8.RuneCount(view[f.Start:from]), utf8.RuneCount(view[f.Start:to]))
			} else {
				partMask = strings.Repeat("*", utf8.RuneCount(view[from:to]))
			}
			// the part in each run of the document's text it spans, the
			// tags inside the cell (<b>, a comment) between them kept
			runs := textRuns(doc, segs, from, to)
			for r, at := 0, 0; r < len(runs); r++ {
				p := f
				p.Start, p.End = runs[r][0], runs[r][1]
				k := utf8.RuneCount(view[p.Start:p.End])
				p.Masked = runeSlice(partMask, at, at+k)
				at += k
				p = rawSpanFinding(view, segs, p)
				switch {
				case len(p.Masked) != p.End-p.Start:
					// (a mask that copies markup is as long as its span, byte
					// for byte: a finding merged into it is masked where it
					// stands, markupcopied.go)
					return f, false
				case n == 0:
					out.Start = p.Start
				case p.Start < out.End || p.Start > len(doc):
					return f, false // the parts are not in the document's order
				case markupMayHoldData(doc[out.End:p.Start]):
					return f, false // (its markup, copied into the mask, would go out unread)
				default:
					mask.Write(doc[out.End:p.Start])
				}
				mask.WriteString(p.Masked)
				out.End, n = p.End, n+1
			}
			parts++
		}
		if c < len(cuts) {
			from = cuts[c][1]
		}
	}
	if parts < 2 {
		return f, false
	}
	out.Masked = mask.String()
	return out, true
}

// textRuns returns view[from:to], a part of a value within one block,
// cut where the document's text it is read from is cut (by an inline
// tag, a comment): the spans of the pieces of text (segs) it takes in,
// in order. It is the whole part, one span, when the part takes in a
// separator or an aside's, or text that stands elsewhere in the document:
// what only the part's one mask can stand for.
func textRuns(doc []byte, segs []viewSeg, from, to int) [][2]int {
	whole := [][2]int{{from, to}}
	var runs [][2]int
	prevEnd := 0 // where the last run's piece ends in doc
	k, _ := slices.BinarySearchFunc(segs, from, func(g viewSeg, v int) int { return g.viewEnd() - 1 - v })
	for ; k < len(segs) && int(segs[k].view) < to; k++ {
		g := segs[k]
		a, b := max(from, g.textAt()), min(to, g.viewEnd())
		if a >= b {
			continue
		}
		if g.synthetic || g.pre > 0 || a != g.textAt() && len(runs) > 0 {
			return whole
		}
		if n := len(runs); n > 0 && runs[n-1][1] != a {
			return whole // (bytes of the view no piece holds)
		}
		if len(runs) > 0 && (int(g.raw) < prevEnd || int(g.raw) > len(doc)) {
			return whole // (pieces out of the document's order)
		}
		runs = append(runs, [2]int{a, b})
		prevEnd = int(g.raw + g.n)
	}
	if len(runs) < 2 || runs[0][0] != from || runs[len(runs)-1][1] != to {
		return whole
	}
	return runs
}

// maskAligned reports whether masked, the mask of text (the view from
// base on), has as many characters as text and the separators of cuts
// where text has them: its characters then stand for text's one by one.
func maskAligned(text []byte, masked string, cuts [][2]int, base int) bool {
	if utf8.RuneCount(text) != utf8.RuneCountInString(masked) {
		return false
	}
	for _, c := range cuts {
		a, b := utf8.RuneCount(text[:c[0]-base]), utf8.RuneCount(text[:c[1]-base])
		if runeSlice(masked, a, b) != string(text[c[0]-base:c[1]-base]) {
			return false
		}
	}
	return true
}

// runeSlice returns the characters of s from the a-th to the b-th.
func runeSlice(s string, a, b int) string {
	i, from := 0, len(s)
	for k := range s {
		if i == a {
			from = k
		}
		if i == b {
			return s[min(from, k):k]
		}
		i++
	}
	if a >= i {
		return ""
	}
	return s[from:]
}

// markupMayHoldData reports whether markup copied into a mask as written
// (the tags between a value's parts, in a cell or between cells) may hold
// data a reading finds there: a digit, an '@', a byte above ASCII, or an
// escape's '&', '%' or '\' (<td title="138…">). That finding lies inside
// the mask's span, and merged into it (mergeFindings) would go out as
// written: such a value is masked over its whole span instead.
func markupMayHoldData(b []byte) bool {
	for _, c := range b {
		if '0' <= c && c <= '9' || c >= 0x80 || c == '@' || c == '&' || c == '%' || c == '\\' {
			return true
		}
	}
	return false
}
