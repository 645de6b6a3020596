package detect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAddressEndRuneLimit checks that addressEnd reads at most
// maxAddressRunes characters of an address whatever they are: its runs
// of quiet characters and of digits, read in loops of their own, count
// one rune each as the other characters do. 北京市, k quiet characters,
// five digits and 号 end where the first maxAddressRunes characters do,
// for every k that puts the limit before, inside or after the number;
// where it falls between two digits, the number runs on past the read
// and there is no address.
func TestAddressEndRuneLimit(t *testing.T) {
	const quiet = "甲"
	if r, _ := utf8.DecodeRuneInString(quiet); !quietAddressHan.has(r) {
		t.Fatalf("%s is not in quietAddressHan: pick another", quiet)
	}
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	reachedMark, cutInNumber := 0, 0
	for k := maxAddressRunes - 20; k <= maxAddressRunes+4; k++ {
		addr := "北京市" + strings.Repeat(quiet, k) + "12345号"
		text := []byte(addr + "，后文")
		runes := []rune(addr)
		want := len(string(runes[:min(len(runes), maxAddressRunes)]))
		switch n := len(runes) - maxAddressRunes; {
		case n <= 0:
			reachedMark++
		case n >= 2 && n <= 5:
			// the read stops between two digits of the number: it runs
			// on past the read, no address (numberGluedAt)
			want = 0
			cutInNumber++
		}
		s := e.newScanner(text, 0)
		got, _ := s.addressEnd(0, false)
		s.release()
		if got != want {
			t.Errorf("k=%d: addressEnd = %d, want %d (%q)", k, got, want, text[:want])
		}
	}
	if reachedMark == 0 || cutInNumber != 4 {
		t.Fatalf("the limit fell before the mark %d times and inside the number %d times", reachedMark, cutInNumber)
	}
}
