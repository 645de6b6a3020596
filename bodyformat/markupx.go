package bodyformat

import (
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// checkXApart reports, for a resident ID found in a markup view, whether
// its check X stands in the document apart from its digits (…429<b>✕</b>,
// …429<span>&times;</span>): the view reads it glued, as a browser shows
// it, but the tags between would go with a mask over the whole span, and
// leave the element's closing alone. It returns where the span then ends
// in the document: after the last digit. The X stays as it is, and the
// mask drops its own (as the engine's does for an X set apart in the
// text).
func checkXApart(view []byte, segs []viewSeg, f detect.Finding) (end int, ok bool) {
	if f.Category != detect.CNID || f.End-f.Start < 2 || f.End > len(view) || len(f.Masked) == 0 {
		return 0, false
	}
	if c := f.Masked[len(f.Masked)-1]; c != 'X' && c != '*' {
		return 0, false // a label or a hash: it covers the span, whatever it holds
	}
	k, found := slices.BinarySearchFunc(segs, f.End-1, func(g viewSeg, v int) int { return int(g.view) - v })
	if !found {
		k--
	}
	if k < 0 {
		return 0, false
	}
	g := segs[k]
	gv := g.textAt()
	if g.synthetic || gv <= f.Start || f.End-1 < gv {
		return 0, false
	}
	if size, isX := detect.CheckXAt(view[:f.End], gv); !isX || gv+size != f.End {
		return 0, false // the piece holds more than the X: it is glued
	}
	before := rawOffset(segs, gv-1) + 1
	if before >= int(g.raw) {
		return 0, false // nothing stands between them in the document
	}
	return before, true
}
