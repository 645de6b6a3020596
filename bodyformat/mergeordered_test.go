package bodyformat

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestMergeOrderedSameAsSorting: merging two lists ordered by start in one
// pass (mergeOrdered) gives what joining, sorting (stably, the first
// list's finding first on a tie) and collapsing them gives, whether the
// merge is written over the first list (it has the room: extra capacity,
// or findings the second overlaps) or into a list of its own; ties,
// nested and overlapping findings, shared edges and empty spans included.
func TestMergeOrderedSameAsSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	list := func(n int, tag string) []detect.Finding {
		var fs []detect.Finding
		at := 0
		for range n {
			s := at + r.IntN(3) // ties too
			e := s + r.IntN(5)
			fs = append(fs, detect.Finding{Start: s, End: e, Masked: tag + strings.Repeat(string(rune('a'+len(fs)%26)), r.IntN(3))})
			at = s
		}
		return fs
	}
	inPlace := 0
	for range 20000 {
		a, b := list(r.IntN(8), "a"), list(1+r.IntN(8), "b")
		if !byStart(a) || !byStart(b) {
			t.Fatalf("lists not ordered: %v %v", a, b)
		}
		want := mergeFindingsCopying(slices.Clone(a), slices.Clone(b))
		room := slices.Grow(slices.Clone(a), r.IntN(10)) // room beyond a's findings, or none
		if mergedLen(a, b) <= cap(room) {
			inPlace++
		}
		if got := mergeOrdered(room, slices.Clone(b)); !slices.Equal(got, want) {
			t.Fatalf("merge of %v and %v: %v, want %v", a, b, got, want)
		}
		if n := mergedLen(a, b); n != len(want) {
			t.Fatalf("mergedLen of %v and %v: %d, want %d", a, b, n, len(want))
		}
	}
	if inPlace < 1000 {
		t.Errorf("only %d merges were written over the first list", inPlace)
	}
}
