package detect

import (
	"math/rand/v2"
	"testing"
)

// TestSegmentNeighbourCovered holds segmentBeforeCovered and
// segmentAfterCovered to the reading they skip: wherever either reports
// true, the contact segment segmentBefore or segmentAfter reads beside
// that hit, trimmed as segmentNameBefore and segmentNameAfter trim it, is
// none or is covered by a hit, so no name is emitted there. Texts are
// random tokens (numbers, letters, Han, separators ASCII and wide,
// underscores, invisible characters) with random sorted hits over them.
func TestSegmentNeighbourCovered(t *testing.T) {
	rng := rand.New(rand.NewPCG(54, 54))
	e := MustCompile(Policy{})
	tokens := []string{"13800138000", "7", "42", "ab", "Kitty", "_", "__", "张三", "小叶", "室", " ", "  ", ",", ":", "，", "、", "|", "*", "~",
		"\t", "\n", ";", "\u200b", "\u3000", "-", ".", "\"", "(", ")", "@"}
	skipped, checked := 0, 0
	for iter := 0; iter < 30000; iter++ {
		var text []byte
		var bounds []int
		for n := 2 + rng.IntN(10); n > 0; n-- {
			bounds = append(bounds, len(text))
			text = append(text, tokens[rng.IntN(len(tokens))]...)
		}
		bounds = append(bounds, len(text))
		s := &scanner{e: e, text: text}
		for b := 0; b+1 < len(bounds); {
			if rng.IntN(2) == 0 {
				b++
				continue
			}
			to := b + 1 + rng.IntN(2)
			to = min(to, len(bounds)-1)
			s.hits = append(s.hits, hit{Start: bounds[b], End: bounds[to], cat: mobileIndex})
			b = to
		}
		sorted := len(s.hits)
		s.indexEnds()
		for k := range s.hits {
			h := s.hits[k]
			checked++
			if s.segmentBeforeCovered(k, sorted) {
				skipped++
				if start, end, ok := s.segmentBefore(h.Start, h.End); ok {
					if a, b := s.trimEmphasis(start, end); !s.covered(a, b, sorted) {
						t.Fatalf("%q: hit %d [%d,%d): the segment before, [%d,%d), is skipped but not covered", text, k, h.Start, h.End, a, b)
					}
				}
			}
			if s.segmentAfterCovered(k, sorted) {
				skipped++
				if start, end, ok := s.segmentAfter(h.Start, h.End); ok {
					if a, b := s.trimEmphasis(start, end); !s.covered(a, b, sorted) {
						t.Fatalf("%q: hit %d [%d,%d): the segment after, [%d,%d), is skipped but not covered", text, k, h.Start, h.End, a, b)
					}
				}
			}
		}
	}
	if skipped < checked/100 {
		t.Fatalf("only %d of %d sides skipped: the test no longer reaches the fast path", skipped, checked)
	}
}
