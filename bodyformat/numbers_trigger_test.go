package bodyformat

import (
	"bytes"
	"testing"
)

// TestNumberMarkTrigger: the numbers reading runs only where a digit is
// followed by '.', 'e', 'x', 'o' or 'b' (trigNumberMark), which every
// number it decodes has (hasNumberMark: a digit, then a decimal point or
// an exponent, or a literal's 0x, 0o or 0b). Over the corpora and random texts of
// numbers, their marks, letters, signs, white space and CJK, neither
// hasNumberMark nor decodeNumbers finds anything where trigNumberMark is
// unset; the trigger holds back many texts with a digit and one of the
// marks somewhere (an e-mail address with digits, a note with a number),
// and lets through many that decode.
func TestNumberMarkTrigger(t *testing.T) {
	pieces := []string{"0", "1", "3", "8", "13812345678", ".", "e", "E", "x", "X", "0x", "0X1F", "-", "+", " ", "1.3812345678e10",
		"0.13812345678e11", "0x337A53EE0", "0b1100110111101000111011001000110", "0o146750731", "0B1", "0O7", "a", "b", "user", "@", "example.com", "v1.2.3", "手机", "。", "\n", "1e", "x1e5"}
	texts := gateCorpus(t, pieces, 40000)
	held, read := 0, 0
	for _, text := range texts {
		_, _, decodes := decodeNumbers(text)
		if triggers(text)&trigNumberMark != 0 {
			if decodes {
				read++
			}
			continue
		}
		if hasNumberMark(text) || decodes {
			t.Fatalf("%q: a number's mark (decodes: %v), trigNumberMark unset", text, decodes)
		}
		if bytes.ContainsAny(text, ".eExX") && bytes.ContainsAny(text, "0123456789") {
			held++
		}
	}
	t.Logf("held back %d with a mark and a digit, let through %d that decode", held, read)
	if held < 5000 || read < 1000 {
		t.Fatalf("the trigger held back %d texts and let %d that decode through: the corpus does not test it", held, read)
	}
}
