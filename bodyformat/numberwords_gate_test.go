package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestHasNumberWordCoversRuns: decodeNumberWordsInto reads no further a
// text without a number word (hasNumberWord), so numberWordRuns, its
// reading of the runs, must find none in such a text; and spelledCount,
// which now looks at a word's first two letters first, answers as it did
// before for every word (spelledCountEveryWord). Over the corpora and
// random texts of number words in both languages, "and", "double", codes
// glued to digits, digits and separators, the gate holds back many texts
// and lets through many with a run.
func TestHasNumberWordCoversRuns(t *testing.T) {
	pieces := []string{"one", "three", "eight", "Five", "SIX", "yao", "san", "ba", "oh", "liang", "and", "double", "triple",
		"onethreeeight", "sixsan", "seven2", "x9", "1", "38", "1234", " ", "-", ",", "\n", "  ", "the", "for", "line", "ling",
		"bay", "sixty", "o", "a", "手机", "é", ".", ":"}
	texts := gateCorpus(t, pieces, 40000)
	english := strings.Fields("zero one two three four five six seven eight nine")
	pinyin := strings.Fields("ling yao er san si wu liu qi ba jiu")
	r := rng(t.Name())
	for range 4000 { // and numbers spelled, some digits left as digits
		words := english
		if r.IntN(2) == 0 {
			words = pinyin
		}
		m := []byte(synth.CNMobile(r))
		for range r.IntN(4) {
			m[r.IntN(len(m))] = 'x' // (a digit left as it is)
		}
		var out []string
		for _, c := range string(m) {
			if c == 'x' {
				out = append(out, "7")
			} else {
				out = append(out, words[c-'0'])
			}
		}
		sep := []string{" ", "-", ", ", "", " and "}[r.IntN(5)]
		texts = append(texts, []byte("call "+strings.Join(out, sep)+" now"))
	}
	held, read := 0, 0
	for _, text := range texts {
		_, _, ok := numberWordRuns(text, nil, nil)
		if hasNumberWord(text) {
			if ok {
				read++
			}
		} else {
			held++
			if ok {
				t.Fatalf("%q: numberWordRuns reads a run, hasNumberWord finds no number word", text)
			}
		}
		for k := 0; k < len(text); {
			if wordClass[text[k]] != clsLetter {
				k++
				continue
			}
			j := tokenEnd(text, k, clsLetter)
			w := text[k:j]
			if n, ok := spelledCount(w); n != spelledCountEveryWord(w) || ok != (n > 0 || spelledAnd(w)) {
				t.Fatalf("spelledCount(%q) = %d, %v; before: %d", w, n, ok, spelledCountEveryWord(w))
			}
			k = j
		}
	}
	t.Logf("held back %d, read %d", held, read)
	if held < 10000 || read < 2000 {
		t.Fatalf("the gate held back %d texts and let %d with a run through: the corpus does not test it", held, read)
	}
}

// spelledAnd reports whether w is "and", which spelledCount reads as no
// digit of a run.
func spelledAnd(w []byte) bool {
	return len(w) == 3 && w[0]|0x20 == 'a' && w[1]|0x20 == 'n' && w[2]|0x20 == 'd'
}

// spelledCountEveryWord is spelledCount as it was before it looked at a
// word's first two letters first, the digits counted (0 for a word that
// spells none).
func spelledCountEveryWord(w []byte) int {
	if spelledAnd(w) {
		return 0
	}
	if len(w) <= maxNumberWord && wordDigit(w) != 0 {
		return 1
	}
	if len(w) < 4 {
		return 0
	}
	n := 0
	for i := 0; i < len(w); n++ {
		_, size := wordAt(w, i)
		if size == 0 {
			return 0
		}
		i += size
	}
	return n
}
