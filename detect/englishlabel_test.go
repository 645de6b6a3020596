package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// englishLabelEndingReference is englishLabelEnding as it was written
// first: back over up to 16 label bytes, then a search from every word
// start, leftmost first.
func englishLabelEndingReference(text []byte, j int, values bool) (int, labelWord, bool) {
	k := j
	if k > 0 && text[k-1] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeLastRune(text[:k]); !values || r >= 0x10000 || valueLabelEnds[r/64]&(1<<(r%64)) == 0 {
			return 0, labelWord{}, false
		}
		for n := 0; n < 2 && k > 0 && text[k-1] >= utf8.RuneSelf; n++ {
			_, size := utf8.DecodeLastRune(text[:k])
			k -= size
		}
		if k == 0 || !isASCIILetter(text[k-1]) {
			return 0, labelWord{}, false
		}
	}
	for k > 0 && j-k < 16 && (isASCIILetter(text[k-1]) || text[k-1] == ' ' || text[k-1] == '_' || text[k-1] == '-') {
		k--
	}
	for k < j && !isASCIILetter(text[k]) {
		k++
	}
	for ; k < j; k++ {
		if k > 0 && isASCIILetter(text[k-1]) {
			continue
		}
		if lw, ok := labels.matchAt(text[:j], k); ok && k+len(lw.word) == j {
			return k, lw, true
		}
	}
	return 0, labelWord{}, false
}

// TestEnglishLabelEndingAsReference holds englishLabelEnding to the
// search from every word start at every end of random texts made of
// English labels in both cases, their parts, labels ending in Chinese
// characters (QQ号码), glue and stray bytes.
func TestEnglishLabelEndingAsReference(t *testing.T) {
	var pieces []string
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			w := string(lw.word)
			pieces = append(pieces, w, toUpperASCII(w), w[1:], w[:len(w)-1])
		}
	}
	pieces = append(pieces, " ", "_", "-", "x", "1", ":", "\"", "号", "号码", "的", "\xe7", "\xff", "qq", "QQ号码", "id", "no")
	r := rand.New(rand.NewPCG(4, 2))
	found, checked := 0, 0
	for range 20000 {
		var text []byte
		for range 1 + r.IntN(6) {
			text = append(text, pieces[r.IntN(len(pieces))]...)
		}
		for j := 0; j <= len(text); j++ {
			for _, values := range []bool{true, false} {
				k, lw, ok := englishLabelEnding(text, j, values)
				wk, wlw, wok := englishLabelEndingReference(text, j, values)
				if ok != wok || k != wk || !bytes.Equal(lw.word, wlw.word) || lw.cats != wlw.cats {
					t.Fatalf("englishLabelEnding(%q, %d, %v) = %d %q %v, want %d %q %v", text, j, values, k, lw.word, ok, wk, wlw.word, wok)
				}
				if ok {
					found++
				}
				checked++
			}
		}
	}
	if found < checked/50 {
		t.Fatalf("only %d of %d ends had a label: the test proves little", found, checked)
	}
}

// TestEnglishEndsKeepEveryLabel checks englishLabelEnding's trie of
// label ends: every English label of up to 16 letters, spaces, '_' and
// '-' is found ending a text, in either case, with its categories.
func TestEnglishEndsKeepEveryLabel(t *testing.T) {
	n := 0
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			if len(lw.word) > 16 || !isASCIILetter(lw.word[0]) || !allLabelKeyBytes(lw.word) {
				continue
			}
			n++
			for _, w := range []string{string(lw.word), toUpperASCII(string(lw.word))} {
				text := []byte("见 " + w)
				k, got, ok := englishLabelEnding(text, len(text), false)
				if !ok || k != len("见 ") || !bytes.Equal(got.word, lw.word) || got.cats != lw.cats {
					t.Errorf("label %q: englishLabelEnding(%q) = %d %q %v", lw.word, text, k, got.word, ok)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no English label checked")
	}
}
