package detect

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestHoldsThreeByteLead checks the word test against a byte-by-byte
// look, on every byte value at every place of texts of up to 20 bytes.
func TestHoldsThreeByteLead(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 33))
	for n := range 21 {
		for c := range 256 {
			for at := range n {
				b := make([]byte, n)
				for k := range b {
					b[k] = byte(r.IntN(0xE0)) // no lead of three bytes
				}
				b[at] = byte(c)
				want := c >= 0xE0
				if got := holdsThreeByteLead(b); got != want {
					t.Fatalf("holdsThreeByteLead(% x) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// TestAddressMarkersThreeBytes checks what hinted relies on to skip the
// walk for an address: every administrative and street marker is a
// character of three bytes.
func TestAddressMarkersThreeBytes(t *testing.T) {
	for _, list := range [][]string{addrAdmin, addrStreet} {
		for _, m := range list {
			r, size := utf8.DecodeRuneInString(m)
			if size < 3 || r == utf8.RuneError {
				t.Errorf("marker %q starts with a character of %d bytes", m, size)
			}
			if !holdsThreeByteLead([]byte(m)) {
				t.Errorf("holdsThreeByteLead(%q) = false", m)
			}
		}
	}
}

// TestHintedAddressGateChangesNothing: wherever hinted skips the walk
// for an address (no byte of a three-byte character from pos on),
// addressFrom, run regardless, finds none and adds no hit, on the gate
// texts and on ASCII texts that hold findings; and the texts hold
// addresses it finds where the gate lets it walk.
func TestHintedAddressGateChangesNothing(t *testing.T) {
	texts := gateTexts(t)
	r := rand.New(rand.NewPCG(33, 34))
	for range 2000 {
		var b []byte
		for n := 1 + r.IntN(12); n > 0; n-- {
			b = append(b, asciiGateAlphabet[r.IntN(len(asciiGateAlphabet))]...)
		}
		texts = append(texts, b)
	}
	e := MustCompile(Policy{})
	hint := NewCategorySet(AllCategories...)
	skipped, found := 0, 0
	for _, text := range texts {
		for pos := 0; pos <= len(text) && pos < 256; pos++ {
			if pos < len(text) && !utf8.RuneStart(text[pos]) {
				continue
			}
			s := e.newScanner(text, hint)
			end := s.addressFrom(pos, EvKey)
			if !holdsThreeByteLead(text[pos:]) {
				skipped++
				if end != 0 || len(s.hits) != 0 {
					t.Fatalf("addressFrom(%q, %d) = %d with %d hits where the gate skips it", text, pos, end, len(s.hits))
				}
			} else if end > 0 {
				found++
			}
			s.release()
		}
	}
	if skipped < 10000 || found < 20 {
		t.Errorf("%d positions skipped, %d addresses found: the comparison saw too few", skipped, found)
	}
}
