package bodyformat

import (
	"testing"
	"unicode/utf8"
)

// TestValidDelimiterTrigger: in valid UTF-8 without trigValidDelimiter,
// mayDelimit finds no delimiter, so read may drop trigDelimiter there:
// no character U+5000–U+9FFF (the lead bytes E5–E9) is a delimiter, and
// over the valid texts of the corpora and random strings of ideographs,
// digits, and delimiters of every width, mayDelimit answers false
// wherever the trigger is missing.
func TestValidDelimiterTrigger(t *testing.T) {
	for r := rune(0x5000); r <= 0x9FFF; r++ {
		if delimiter(r) {
			t.Fatalf("U+%04X is a delimiter, and its lead byte sets no trigValidDelimiter", r)
		}
	}
	pieces := []string{"1", "3", "8", "13812345678", "号", "路", "市", "区", "中", "丨", "䷀", "，", "、", "·", "—", "|", ":", ". ", ".", " ", "-",
		"一", "三", "八", "零", "１", "５", "😀", "é", "\u3000", "&#49;", "\x00"}
	// and texts of ideographs and digits alone, which it holds back
	plain := []string{"1", "3", "8", "13812345678", "号", "路", "市", "区", "省", "州", "街", "零", "八", "a", "x"}
	held, kept := 0, 0
	for _, text := range append(gateCorpus(t, pieces, 30000), gateCorpus(t, plain, 5000)...) {
		if !utf8.Valid(text) {
			continue
		}
		trig := triggers(text)
		if trig&trigDelimiter == 0 {
			continue
		}
		if trig&trigValidDelimiter != 0 {
			kept++
			continue
		}
		held++
		if mayDelimit(text) {
			t.Fatalf("%q: mayDelimit finds a delimiter the trigger does not", text)
		}
	}
	if held < 1000 || kept < 1000 {
		t.Fatalf("the trigger held back %d texts and kept %d: the strings do not test it", held, kept)
	}
}
