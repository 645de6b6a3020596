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
	out, n := f, 0
	var mask strings.Builder
	from := f.Start
	for c := 0; c <= len(cuts); c++ {
		to := f.End
		if c < len(cuts) {
			to = cuts[c][0]
		}
		if from < to && !allSpace(view[from:to]) {
			p := f
			p.Start, p.End = from, to
			if aligned {
				p.Masked = runeSlice(f.Masked, utf8.RuneCount(view[f.Start:from]), utf8.RuneCount(view[f.Start:to]))
			} else {
				p.Masked = strings.Repeat("*", utf8.RuneCount(view[from:to]))
			}
			p = rawSpanFinding(view, segs, p)
			switch {
			case n == 0:
				out.Start = p.Start
			case p.Start < out.End || p.Start > len(doc):
				return f, false // the parts are not in the document's order
			default:
				mask.Write(doc[out.End:p.Start])
			}
			mask.WriteString(p.Masked)
			out.End, n = p.End, n+1
		}
		if c < len(cuts) {
			from = cuts[c][1]
		}
	}
	if n < 2 {
		return f, false
	}
	out.Masked = mask.String()
	return out, true
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
