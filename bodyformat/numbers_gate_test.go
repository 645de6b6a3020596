package bodyformat

import "testing"

// TestNumberMarkGateHoldsEveryEdit: numberEdits's one-pass check
// (hasNumberMark) answers false only where reading every number
// (numberEditsOf) replaces none, over the corpora and random texts of
// digit runs of every length, points, exponents, signs, hex literals and
// fractions that round to a longer whole number (99999999.9999999999999);
// and it holds back many texts with a fraction in them, so the corpus
// tests it.
func TestNumberMarkGateHoldsEveryEdit(t *testing.T) {
	pieces := []string{"0", "1", "9", "00", "9999", "12345678", "99999999", "13812345678", ".", "e", "E", "x", "X", "0x", "0X1F",
		"-", "+", " ", "1.3812345678e10", "0.13812345678e11", "0x337A53EE0", "13812345678.0", "99999999.9999999999999",
		"12345678.99999999999", "1381234567799999e-5", "38.1%", "¥370.9", "15.29s", "3.14", "v1.2.3", "a", "手机", "。", "\n", "x1e5", "0."}
	held, read := 0, 0
	for _, text := range gateCorpus(t, pieces, 60000) {
		var e edits
		edits := numberEditsOf(text, &e)
		if hasNumberMark(text) {
			if edits {
				read++
			}
			continue
		}
		if edits {
			t.Fatalf("%q: numberEditsOf replaces a number, hasNumberMark answers false", text)
		}
		if triggers(text)&trigNumberMark != 0 {
			held++
		}
	}
	t.Logf("held back %d the trigger lets through, let through %d that decode", held, read)
	if held < 3000 || read < 1000 {
		t.Fatalf("the check held back %d texts and let %d that decode through: the corpus does not test it", held, read)
	}
}
