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
// words stays). first is not changed (a copy is returned when it
// would be). One pass over the lists.
//
// But a phone of first that opens with the country code 86 right after
// a '+' of text (/find?phone=+86+138…, +8613…: a form's " 86 138…",
// whose mask drops the code) takes that '+' as its own: it is the code's
// sign to a reader that reads it kept, and a mask that left it would
// write "+138****5678", a number with no country code or another one
// (attack pass 33). The number is masked whole, +86 included, as
// "%2B86 138…" and "+86 138…" in a body are.
func MergePreferring[T ~string | ~[]byte](text T, first, more []detect.Finding) []detect.Finding {
	first = signedCodes(text, first)
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
		if g.Start < g.End && text[g.Start] == '+' && j < len(first) && first[j].Start < g.End && first[j].Start != g.Start {
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

// signedCodes returns findings with each phone that opens with the
// country code 86 right after a '+' of text widened over that '+'
// (MergePreferring); findings itself when there is none, a copy else.
func signedCodes[T ~string | ~[]byte](text T, findings []detect.Finding) []detect.Finding {
	copied := false
	for k, f := range findings {
		switch f.Category {
		case detect.CNMobile, detect.CNLandline, detect.Phone:
		default:
			continue
		}
		if f.Start == 0 || f.Start+2 > len(text) || text[f.Start-1] != '+' || text[f.Start] != '8' || text[f.Start+1] != '6' {
			continue
		}
		if k > 0 && findings[k-1].End >= f.Start {
			continue // (the '+' is another finding's)
		}
		if !copied {
			findings, copied = slices.Clone(findings), true
		}
		findings[k].Start--
	}
	return findings
}
