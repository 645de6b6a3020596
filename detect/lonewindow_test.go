package detect

import (
	"math/rand/v2"
	"testing"
)

// TestLoneWindowMay holds the prefilters (loneLengths, loneWindowMay) to
// classify: over random runs
// spelled a digit at a time (with now and then a longer group, a '0', an
// 86 or a check X), every window of several groups that starts with a lone
// digit and that a prefilter refuses is one classify refuses too.
func TestLoneWindowMay(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	e := MustCompile(Policy{})
	prefixes := []string{"", "1 3 8 ", "0 ", "8 6 ", "0086 ", "86 ", "4 ", "6 2 ", "3 5 ", "5 ", "1 1 0 1 0 5 1 9 ", "+",
		"2 2 2 1 ", "2 7 2 0 ", "8 1 0 0 ", "8 1 7 1 ", "3 7 ", "3 4 ", "3 0 5 ", "3 5 2 8 ", "6 0 1 1 ", "6 5 ", "5 0 1 8 ", "5 8 "}
	windows, refused := 0, 0
	for iter := 0; iter < 20000; iter++ {
		text := []byte(prefixes[rng.IntN(len(prefixes))])
		for k := 0; k < 10+rng.IntN(30); k++ {
			switch rng.IntN(12) {
			case 0:
				for j := 0; j < 2+rng.IntN(3); j++ {
					text = append(text, byte('0'+rng.IntN(10)))
				}
			case 1:
				text = append(text, '1')
			default:
				text = append(text, byte('0'+rng.IntN(10)))
			}
			text = append(text, ' ')
		}
		if rng.IntN(4) == 0 {
			text = append(text, 'X')
		}
		s := &scanner{e: e, text: text}
		i := 0
		if text[0] == '+' {
			i = 1
		}
		r := &s.run
		r.collect(text, i)
		for a := 0; a < r.ng; a++ {
			if r.groupLen(a) != 1 || a == 0 && r.plus {
				continue
			}
			n := r.groupLen(a)
			for b := a + 1; b < r.ng; b++ {
				if n += r.groupLen(b); n > maxWindowDigits {
					break
				}
				if n < minWindowDigits {
					continue
				}
				windows++
				d0 := r.d[r.gs[a]]
				skipped := d0 != '0' && !(a > 0 && r.cnCountryGroup(a-1)) && loneLengths(d0)&(1<<n) == 0
				if !skipped && s.loneWindowMay(a, b) {
					continue
				}
				refused++
				var c cand
				if s.classify(a, b, &c) {
					t.Fatalf("%q groups %d..%d: refused by loneWindowMay, a %v for classify", text, a, b, c.cat)
				}
			}
		}
	}
	if refused == 0 || refused == windows {
		t.Fatalf("%d of %d windows refused: the test reaches no case", refused, windows)
	}
}

// TestLoneLengthsCards checks loneLengths against every card network of
// cardBrand: each first four digits at each length a card may have.
func TestLoneLengthsCards(t *testing.T) {
	d := make([]byte, maxWindowDigits)
	for p := 1000; p < 10000; p++ {
		copy(d, []byte{byte('0' + p/1000), byte('0' + p/100%10), byte('0' + p/10%10), byte('0' + p%10)})
		for L := 13; L <= maxWindowDigits; L++ {
			for k := 4; k < L; k++ {
				d[k] = '0'
			}
			if b := cardBrand(d[:L]); b != "" && b != "uatp" && loneLengths(d[0])&(1<<L) == 0 {
				t.Errorf("%s… at %d digits is a %s card, a length loneLengths leaves out", d[:4], L, b)
			}
		}
	}
}
