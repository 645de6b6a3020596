package bodyformat

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// foldedLinesByteAtATime is decodeFoldedLines as it was first written, a
// look at the blanks and the break at every byte: the reference the bulk
// copies of decodeFoldedLines are checked against.
func foldedLinesByteAtATime(text []byte, mode foldMode) ([]byte, []int32, bool) {
	if mode == foldNone || !hasFold(text, mode) {
		return nil, nil, false
	}
	dec := make([]byte, 0, len(text))
	offs := make([]int32, 0, len(text)+1)
	folded := false
	var sc scalarLines
	line := 0
	for i := 0; i < len(text); {
		j := blanksEnd(text, i)
		b := breakLen(text, j, mode)
		if b == 0 {
			for ; i <= j && i < len(text); i++ {
				dec, offs = append(dec, text[i]), append(offs, int32(i))
			}
			continue
		}
		e := blanksEnd(text, j+b)
		if mode == foldKeyed {
			sc.lineEnds(text[line:j])
		}
		if i > 0 && joinsAcross(text[i-1]) && e < len(text) && joinsAcross(text[e]) &&
			(e > j+b || mode == foldSoft) && (mode != foldSoft || !hardBreak(text[i:j])) &&
			(mode != foldKeyed || sc.continues(e-(j+b))) {
			dec, offs = append(dec, ' '), append(offs, int32(i))
			i, line, folded = e, j+b, true
			continue
		}
		for ; i < j+b; i++ {
			dec, offs = append(dec, text[i]), append(offs, int32(i))
		}
		line = i
	}
	return dec, append(offs, int32(len(text))), folded
}

// TestFoldedLinesBulkCopy checks decodeFoldedLines, which copies the
// bytes between breaks at once, against the byte-at-a-time reference on
// texts of digits, letters, blanks, every break YAML and Markdown read
// (and bytes that start one but do not: 0xc2, 0xe2 alone), keys and
// list items, under every fold mode.
func TestFoldedLinesBulkCopy(t *testing.T) {
	pieces := []string{"1", "38", "a", "note:", "- ", " ", "  ", "\t", "\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029", "\xc2", "\xe2\x80", "京", "１", ">-", "*"}
	r := rand.New(rand.NewPCG(44, 8))
	for k := range 20000 {
		var text []byte
		for range r.IntN(24) {
			text = append(text, pieces[r.IntN(len(pieces))]...)
		}
		for _, mode := range []foldMode{foldIndented, foldSoft, foldKeyed} {
			dec, offs, ok := decodeFoldedLines(text, mode)
			wdec, woffs, wok := foldedLinesByteAtATime(text, mode)
			if ok != wok || string(dec) != string(wdec) || !slices.Equal(offs, woffs) {
				t.Fatalf("text %d %q mode %d: got %q %v %v, want %q %v %v", k, text, mode, dec, offs, ok, wdec, woffs, wok)
			}
		}
	}
}
