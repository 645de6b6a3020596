package detect

import "testing"

// TestUnitBeforeThreeByteSameAsSlow checks unitBefore's three-byte fast
// path against unitBeforeSlow (lastRune, then classifyRune) on every three
// bytes with a three-byte lead, valid or not, alone and after a byte of
// every kind, so the two cannot drift apart.
func TestUnitBeforeThreeByteSameAsSlow(t *testing.T) {
	checked := 0
	for _, pre := range []string{"", "a", "\xe4", "\xbf", ";", "&#"} {
		text := []byte(pre + "xyz")
		at := len(pre)
		for b0 := 0xE0; b0 <= 0xEF; b0++ {
			for b1 := 0x70; b1 <= 0xC8; b1++ {
				for b2 := 0; b2 <= 0xFF; b2++ {
					text[at], text[at+1], text[at+2] = byte(b0), byte(b1), byte(b2)
					gu, gat, gok := unitBefore(text, len(text))
					wu, wat, wok := unitBeforeSlow(text, len(text))
					if gu != wu || gat != wat || gok != wok {
						t.Fatalf("unitBefore(% x) = %+v %d %v, unitBeforeSlow %+v %d %v", text, gu, gat, gok, wu, wat, wok)
					}
					checked++
				}
			}
		}
	}
	if checked < 500000 {
		t.Fatalf("only %d cases checked", checked)
	}
}
