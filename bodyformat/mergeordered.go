package bodyformat

import (
	"sync"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// byStart reports whether fs is ordered by start (ties in any order).
func byStart(fs []detect.Finding) bool {
	for k := 1; k < len(fs); k++ {
		if fs[k].Start < fs[k-1].Start {
			return false
		}
	}
	return true
}

// mergeOrdered is mergeFindings for two lists each ordered by start: one
// pass over both, a's finding first on a tie, which is what a stable sort
// of a then b gives, collapsed as mergeFindings collapses it. Like
// mergeFindings it writes over a (a copied aside first) when the merge
// fits in a's room, and otherwise into a list of its own, of the merge's
// length (mergedLen): a reading that finds again what the plain one found
// costs no copy of the findings.
func mergeOrdered(a, b []detect.Finding) []detect.Finding {
	src, out := a, []detect.Finding(nil)
	if n := mergedLen(a, b); n <= cap(a) {
		s := getFindingScratch(len(a))
		defer putFindingScratch(s)
		src = append((*s)[:0], a...)
		*s = src
		out = a[:0]
	} else {
		out = make([]detect.Finding, 0, n)
	}
	var h markupHoles
	i, j := 0, 0
	for i < len(src) || j < len(b) {
		var f detect.Finding
		if j == len(b) || i < len(src) && src[i].Start <= b[j].Start {
			f, i = src[i], i+1
		} else {
			f, j = b[j], j+1
		}
		n := len(out)
		if n > 0 && f.Start < out[n-1].End {
			absorb(&out[n-1], &f, &h)
			continue
		}
		if n > 0 {
			h.fill(&out[n-1])
		}
		out = append(out, f)
	}
	if n := len(out); n > 0 {
		h.fill(&out[n-1])
	}
	return out
}

// mergedLen returns how many findings mergeOrdered makes of a and b: one
// pass over both, writing nothing.
func mergedLen(a, b []detect.Finding) int {
	n, end := 0, 0
	for i, j := 0, 0; i < len(a) || j < len(b); {
		var f *detect.Finding
		if j == len(b) || i < len(a) && a[i].Start <= b[j].Start {
			f, i = &a[i], i+1
		} else {
			f, j = &b[j], j+1
		}
		if n > 0 && f.Start < end {
			end = max(end, f.End)
			continue
		}
		n, end = n+1, f.End
	}
	return n
}

// findingScratch holds the lists mergeOrdered copies a list aside into.
var findingScratch sync.Pool

// getFindingScratch returns a scratch list from findingScratch.
func getFindingScratch(n int) *[]detect.Finding {
	if s, _ := findingScratch.Get().(*[]detect.Finding); s != nil {
		return s
	}
	s := make([]detect.Finding, 0, n)
	return &s
}

// putFindingScratch clears s (its strings held no longer) and gives it back.
func putFindingScratch(s *[]detect.Finding) {
	clear(*s)
	*s = (*s)[:0]
	findingScratch.Put(s)
}
