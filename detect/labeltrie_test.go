package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// searchAtReference is searchAt as it was written first: the words that
// start with text[i]'s byte (English, in either case) or rune (Chinese),
// longest first, each compared with the text.
func searchAtReference(idx *labelIndex, text []byte, i int) (labelWord, bool) {
	if text[i] < utf8.RuneSelf && i > 0 && (isLabelWordByte(text[i-1]) || text[i-1] == '[') {
		return labelWord{}, false
	}
	var bucket []labelWord
	if b := text[i]; b < utf8.RuneSelf {
		bucket = idx.ascii[lowerASCII(b)]
	} else {
		r, _ := utf8.DecodeRune(text[i:])
		bucket = idx.han[r]
	}
	for _, w := range bucket {
		n := len(w.word)
		if i+n > len(text) {
			continue
		}
		if w.ascii {
			if !asciiEqualFold(text[i:i+n], w.word) || (i+n < len(text) && isLabelWordByte(text[i+n])) {
				continue
			}
		} else if !bytes.Equal(text[i:i+n], w.word) {
			continue
		}
		return w, true
	}
	return labelWord{}, false
}

// TestSearchAtAsReference holds the trie's search to the bucket search at
// every place of random texts made of label words in both cases, their
// prefixes, longer words they begin, stray and broken bytes.
func TestSearchAtAsReference(t *testing.T) {
	var pieces []string
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			w := string(lw.word)
			pieces = append(pieces, w, toUpperASCII(w), w[:len(w)-1], w+"s", w+"_")
		}
	}
	for _, bucket := range labels.han {
		for _, lw := range bucket {
			w := string(lw.word)
			pieces = append(pieces, w, toUpperASCII(w), w[:len(w)-1], w+"号")
		}
	}
	pieces = append(pieces, " ", ":", "[", "1", "x", "的", "\xe7", "\x9a", "\xff", "-", "\"")
	r := rand.New(rand.NewPCG(8, 42))
	found, checked := 0, 0
	for range 20000 {
		var text []byte
		for range 1 + r.IntN(8) {
			text = append(text, pieces[r.IntN(len(pieces))]...)
		}
		for i := range text {
			for _, hi := range []int{len(text), i + 1 + r.IntN(len(text)-i)} {
				got, gok := labels.searchAt(text[:hi], i)
				want, wok := searchAtReference(labels, text[:hi], i)
				if gok != wok || !bytes.Equal(got.word, want.word) || got.cats != want.cats || got.ascii != want.ascii {
					t.Fatalf("searchAt(%q, %d) = %q %v %v, want %q %v %v", text[:hi], i, got.word, got.cats, gok, want.word, want.cats, wok)
				}
				if wok {
					found++
				}
				checked++
			}
		}
	}
	if found < checked/50 {
		t.Fatalf("only %d of %d places held a label: the test proves little", found, checked)
	}
}

// TestLabelTrieHoldsEveryWord checks that every label word is found where
// it stands alone, with all the categories it names.
func TestLabelTrieHoldsEveryWord(t *testing.T) {
	n := 0
	check := func(bucket []labelWord) {
		for _, lw := range bucket {
			n++
			if got, ok := labels.searchAt(lw.word, 0); !ok || !bytes.Equal(got.word, lw.word) || got.cats != lw.cats {
				t.Errorf("searchAt(%q) = %q %v %v", lw.word, got.word, got.cats, ok)
			}
		}
	}
	for _, bucket := range labels.ascii {
		check(bucket)
	}
	for _, bucket := range labels.han {
		check(bucket)
	}
	if n != len(labels.trie.words) {
		t.Errorf("%d words in the buckets, %d in the trie", n, len(labels.trie.words))
	}
}
