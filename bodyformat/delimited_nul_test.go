package bodyformat

import (
	"math/rand/v2"
	"testing"
)

// nulDelimitedText is a piece of runs of digit groups and what stands
// between them (delimiters, gaps, labels, references, full-width and
// Chinese digits, stray bytes), each a NUL byte or a run of them apart
// from the next, or none.
func nulDelimitedText(r *rand.Rand) []byte {
	parts := []string{"138", "1234", "5678", "9", "12", "|", "~", ",", "\t", "\n", " ", "-", ".", ". ", "：", "｜", "、",
		"手机 ", "tel:", "&#49;", "&#124;", "１３８", "一三八", "X", "x", "\xff", "\xe3\x80", "**", "a", "号"}
	nuls := []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 7, 8, 9, 16, 100}
	var b []byte
	for range 40 + r.IntN(80) {
		b = append(b, parts[r.IntN(len(parts))]...)
		b = append(b, make([]byte, nuls[r.IntN(len(nuls))])...)
	}
	return b
}

// TestMayDelimitAcrossNULs: where mayDelimit, which counts digits and
// delimiters afresh after each NUL byte, answers that a piece holds no
// run read joined, reading it run by run finds none either.
func TestMayDelimitAcrossNULs(t *testing.T) {
	r := rng(t.Name())
	checked, runs := 0, 0
	for range 100000 {
		text := nulDelimitedText(r)
		if mayDelimit(text) {
			if _, _, ok := delimitedRuns(text); ok {
				runs++
			}
			continue
		}
		checked++
		if _, _, ok := delimitedRuns(text); ok {
			t.Fatalf("mayDelimit false, but a run read joined in %q", text)
		}
	}
	if checked < 1000 || runs < 1000 {
		t.Errorf("only %d pieces checked, %d with a run", checked, runs)
	}
	t.Logf("%d pieces without a run checked, %d with one", checked, runs)
}
