package detect

import (
	"math/rand/v2"
	"testing"
)

// The fast paths of the label look-ups (issue #8) may only skip work that
// provably finds nothing. Each test here holds one of them to the look-up
// it shortcuts, over the synthetic shapes, random mutations of them
// (fastPathTexts) and texts sprinkled with every label word.

// labelFastTexts returns fastPathTexts and, for each of them, a copy with
// label words (every one of the registry's, in lower or upper case) and
// glue (colons, quotes, spaces, '=', '：') inserted at random places.
func labelFastTexts() [][]byte {
	var words [][]byte
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			words = append(words, lw.word, []byte(toUpperASCII(string(lw.word))))
		}
	}
	for _, bucket := range labels.han {
		for _, lw := range bucket {
			words = append(words, lw.word)
		}
	}
	glue := []string{"", " ", ":", "：", "\":\"", "=", "'", " : ", "号", "*", "_", "**", "__", "`", "\n", "1", "a"}
	texts := fastPathTexts()
	r := rand.New(rand.NewPCG(54, 8))
	for _, text := range texts[:len(texts):len(texts)] {
		m := append([]byte(nil), text...)
		for k := 0; k < len(text)/16; k++ {
			at := r.IntN(len(m) + 1)
			ins := append(append([]byte(nil), words[r.IntN(len(words))]...), glue[r.IntN(len(glue))]...)
			m = append(m[:at], append(ins, m[at:]...)...)
		}
		texts = append(texts, m)
	}
	return texts
}

// TestValueLabelGlueOrEndCoversEveryLabel checks valueAfterLabel's table
// against the look-up it guards: wherever valueLabelBefore finds a label
// before text[i], the byte before i is marked.
func TestValueLabelGlueOrEndCoversEveryLabel(t *testing.T) {
	found := 0
	for _, text := range labelFastTexts() {
		for i := 1; i <= len(text); i++ {
			if _, ok := valueLabelBefore(text, i); ok {
				found++
				if !valueLabelGlueOrEnd[text[i-1]] {
					t.Fatalf("a value label before %q, after byte %#x the table does not mark", text[max(0, i-24):i], text[i-1])
				}
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d value labels found in the texts: the test tests little", found)
	}
}

// TestEnglishLabelEndingSameOnShapes holds englishLabelEnding to its
// reference (a search from every word start) at every end in the texts of
// labelFastTexts.
func TestEnglishLabelEndingSameOnShapes(t *testing.T) {
	found := 0
	for _, text := range labelFastTexts() {
		for j := 0; j <= len(text); j++ {
			k, lw, ok := englishLabelEnding(text, j, true)
			wk, wlw, wok := englishLabelEndingReference(text, j, true)
			if ok != wok || k != wk || string(lw.word) != string(wlw.word) || lw.cats != wlw.cats {
				t.Fatalf("englishLabelEnding(%q, %d) = %d %q %v, want %d %q %v", text[max(0, j-24):j], j, k, lw.word, ok, wk, wlw.word, wok)
			}
			if ok {
				found++
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d labels found in the texts: the test tests little", found)
	}
}

// TestEnglishLabelNoneAfterDigit checks what englishLabel's first test
// relies on: no English label ends right before a colon that follows a
// digit (englishLabelEnding finds none at any end after a digit in the
// texts of labelFastTexts, nor in a colon's usual company), so the colon
// of a time (10:02) is not read back from.
func TestEnglishLabelNoneAfterDigit(t *testing.T) {
	texts := append(labelFastTexts(), []byte("name1:"), []byte("QQ号1："), []byte("**email2**:"), []byte("__phone3__:"), []byte("tel 4="))
	ends := 0
	for _, text := range texts {
		for j := 1; j <= len(text); j++ {
			if !isASCIIDigit(text[j-1]) {
				continue
			}
			ends++
			for _, values := range []bool{false, true} {
				if k, lw, ok := englishLabelEnding(text, j, values); ok {
					t.Fatalf("englishLabelEnding(%q, %d) = %d %q after a digit", text[max(0, j-24):j], j, k, lw.word)
				}
			}
		}
	}
	if ends < 1000 {
		t.Fatalf("only %d ends after a digit in the texts: the test tests little", ends)
	}
}
