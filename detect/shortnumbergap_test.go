package detect

import "testing"

// TestShortNumberOneSeparatorGap keeps shortNumber's fast path for one
// ASCII separator before an ASCII digit in step with gapToDigit, which it
// stands for: gapToDigit reads every such gap as ending at the digit, and
// shortNumber reads the same numbers with and without the separator's
// kind of neighbours.
func TestShortNumberOneSeparatorGap(t *testing.T) {
	seps := 0
	for c := range byte(0x80) {
		if c == '&' || asciiClass[c].kind != uSep {
			continue
		}
		seps++
		for d := byte('0'); d <= '9'; d++ {
			for _, pre := range []string{"", "1", "12"} {
				text := []byte(pre + string([]byte{c, d}) + "4 ")
				j := len(pre)
				next, _, ok := gapToDigit(text, j)
				if !ok || next != j+1 {
					t.Fatalf("gapToDigit(%q, %d) = %d %v, want %d true", text, j, next, ok, j+1)
				}
				if pre == "" {
					continue
				}
				s := &scanner{text: text}
				end, short, digits, gapped := s.shortNumber(0)
				if !short || end != len(text)-1 || digits != len(pre)+2 || !gapped {
					t.Fatalf("shortNumber(%q) = %d %v %d %v, want %d true %d true", text, end, short, digits, gapped, len(text)-1, len(pre)+2)
				}
			}
		}
	}
	if seps < 5 {
		t.Fatalf("only %d ASCII separators", seps)
	}
}
