package bodyformat

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// mergeFindingsCopying is mergeFindings without its shortcut: both lists
// joined, sorted and collapsed.
func mergeFindingsCopying(a, b []detect.Finding) []detect.Finding {
	if len(b) == 0 {
		return a
	}
	all := append(slices.Clip(a), b...)
	slices.SortStableFunc(all, func(x, y detect.Finding) int { return x.Start - y.Start })
	out := all[:1]
	for _, f := range all[1:] {
		if last := &out[len(out)-1]; f.Start < last.End {
			if f.Start == last.Start && f.End == last.End && keptChars(f.Masked) < keptChars(last.Masked) {
				last.Masked = f.Masked
			}
			last.End = max(last.End, f.End)
			continue
		}
		out = append(out, f)
	}
	return out
}

// TestMergeFindingsWithin: a merge that returns its first list as it is
// (every finding of the second within one of it) gives what joining,
// sorting and collapsing both gives, on random lists: disjoint or not,
// findings nested, shared edges, empty spans, unordered second lists.
func TestMergeFindingsWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	list := func(n int, ordered bool) []detect.Finding {
		var fs []detect.Finding
		at := 0
		for k := range n {
			s := at + r.IntN(4) - 1
			if !ordered {
				s = r.IntN(40)
			}
			s = max(s, 0)
			e := s + r.IntN(5)
			fs = append(fs, detect.Finding{Start: s, End: e, Masked: strings.Repeat(string(rune('a'+k%26)), r.IntN(3)) + "*"})
			at = e + r.IntN(3)
		}
		return fs
	}
	shortcuts := 0
	for range 20000 {
		a := list(r.IntN(6), r.IntN(4) > 0)
		var b []detect.Finding
		if r.IntN(2) == 0 && len(a) > 0 {
			for range r.IntN(4) { // findings within those of a
				g := a[r.IntN(len(a))]
				if g.End > g.Start {
					s := g.Start + r.IntN(g.End-g.Start)
					b = append(b, detect.Finding{Start: s, End: s + r.IntN(g.End-s+1), Masked: strings.Repeat("b", r.IntN(3))})
				}
			}
		} else {
			b = list(r.IntN(4), r.IntN(3) > 0)
		}
		if len(b) > 0 && within(b, a) {
			shortcuts++
		}
		want := mergeFindingsCopying(slices.Clone(a), slices.Clone(b))
		got := mergeFindings(slices.Clone(a), slices.Clone(b))
		if !slices.Equal(got, want) {
			t.Fatalf("merge of %v and %v: %v, want %v", a, b, got, want)
		}
	}
	if shortcuts < 1000 {
		t.Errorf("only %d merges returned the first list as it is", shortcuts)
	}
}
