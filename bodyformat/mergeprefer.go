package bodyformat

import (
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// MergePreferring merges the findings of one text read two ways, each
// list ordered and without overlaps, as mergeFindings does (overlapping
// findings become one, spanning both), but each merged span that a
// finding of first overlaps takes that finding's category and mask: a
// query value read with '+' as a space (first) and with '+' kept (more)
// finds one number twice, and "call+138…+now" is the mobile the first
// reading finds, not the E.164 "+138…" of the second. A finding of more
// that opens with a '+' of text and overlaps one of first is merged
// without that '+' (the sign the first reading read as a space between
// words stays). first is not changed. One pass over the lists.
func MergePreferring[T ~string | ~[]byte](text T, first, more []detect.Finding) []detect.Finding {
	if len(more) == 0 {
		return first
	}
	more = slices.Clone(more)
	j := 0
	for k := range more {
		g := &more[k]
		for j < len(first) && first[j].End <= g.Start+1 {
			j++
		}
		if g.Start < g.End && text[g.Start] == '+' && j < len(first) && first[j].Start < g.End {
			g.Start++
		}
	}
	merged := mergeFindings(more, first)
	i := 0
	for k, m := range merged {
		for i < len(first) && first[i].End <= m.Start {
			i++
		}
		if i < len(first) && first[i].Start < m.End {
			f := first[i]
			f.Start, f.End = m.Start, m.End
			merged[k] = f
		}
	}
	return merged
}
