package bodyformat

import (
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// digitsOnlyEveryUnit is digitsOnly as it was before it read a value of
// ASCII digits alone in a loop of its own: every unit read as a digit in
// any spelling, after an ID's check X alone was looked for.
func digitsOnlyEveryUnit(text []byte) bool {
	text = trimSigns(text)
	if len(text) == 0 || len(text) > maxSiblingDigits*maxDigitBytes {
		return false
	}
	if len(text) <= maxCheckXBytes {
		if size, ok := detect.CheckXAt(text, 0); ok && size == len(text) {
			return true
		}
	}
	n := 0
	for i := 0; i < len(text); n++ {
		size, ok := 1, false
		if c := text[i]; c < utf8.RuneSelf && c != '&' {
			ok = isASCIIDigit(c)
		} else if c := tagASCII(text, i); c != 0 {
			size, ok = 4, isASCIIDigit(c)
		} else {
			size, ok = digitAt(text, i)
		}
		if !ok && !(i == len(text)-1 && n > 0 && text[i]|0x20 == 'x') {
			return false
		}
		i += size
	}
	return n <= maxSiblingDigits
}

// TestDigitsOnlyAsEveryUnit: digitsOnly answers as digitsOnlyEveryUnit
// does over the corpora and random values of digits in every spelling,
// check Xs, signs, letters and references, many of them digits only.
func TestDigitsOnlyAsEveryUnit(t *testing.T) {
	pieces := []string{"1", "3", "8", "0", "13812345678", "1101051990010112", "x", "X", "✕", "ｘ", "&#x2715;", "&times;", "１", "一", "&#49;",
		"\U000E0031", " ", "-", "+", "a", "手", ".", "\xff"}
	texts := gateCorpus(t, pieces, 60000)
	yes := 0
	for _, text := range texts {
		for _, b := range [][]byte{text, text[:min(len(text), 8)], text[:min(len(text), 20)]} {
			got, want := digitsOnly(b), digitsOnlyEveryUnit(b)
			if got != want {
				t.Fatalf("digitsOnly(%q) = %v, want %v", b, got, want)
			}
			if got {
				yes++
			}
		}
	}
	if yes < 5000 {
		t.Fatalf("only %d values digits only: the corpus does not test the common case", yes)
	}
}
