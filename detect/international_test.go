package detect_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// digitsOf returns n random digits.
func digitsOf(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// Hong Kong and Macau numbers have eight digits: other lengths are not
// their phones.
func TestHongKongMacauPhoneLengths(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(11, 8))
	for range 100 {
		for _, cc := range []string{"852", "853"} {
			for n := 6; n <= 10; n++ {
				nat := "6" + digitsOf(r, n-1)
				text := fmt.Sprintf("call +%s %s now", cc, nat)
				got := false
				for _, f := range e.Find([]byte(text)) {
					got = got || f.Category == detect.Phone
				}
				if got != (n == 8) {
					t.Errorf("%q: phone found %v, want %v", text, got, n == 8)
				}
			}
		}
	}
}

// A '+' glued to a number on its left is a sum, not a calling code; two
// are a typo, not a number to redact as one.
func TestPlusAfterANumberIsNoPhone(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(11, 9))
	for range 200 {
		for _, text := range []string{
			fmt.Sprintf("total %d+%s", 1+r.IntN(9), "3"+digitsOf(r, 7)),
			"call ++1202" + "5" + digitsOf(r, 6),
		} {
			for _, f := range e.Find([]byte(text)) {
				if f.Category == detect.Phone {
					t.Errorf("%q: %+v", text, f)
				}
			}
		}
	}
}

// A number after '+' is an international phone number when it can be,
// though its digits also pass for a card's: +49 170 … in 13 digits that
// pass Luhn with a Visa '4' in front was reported as a card. A card
// number longer than any phone number stays a card.
func TestPlusNumberIsPhoneBeforeCard(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(11, 10))
	for range 100 {
		d := "49170" + digitsOf(r, 7)
		for c := '0'; c <= '9'; c++ {
			if luhn(d + string(c)) {
				d += string(c)
				break
			}
		}
		for _, text := range []string{"+" + d, "phone: +" + d, "call +" + d + " now"} {
			fs := e.Find([]byte(text))
			if len(fs) != 1 || fs[0].Category != detect.Phone {
				t.Errorf("%q: %v", text, fs)
			}
		}
	}
	for range 100 {
		d := "4" + digitsOf(r, 14)
		for c := '0'; c <= '9'; c++ {
			if luhn(d + string(c)) {
				d += string(c)
				break
			}
		}
		if fs := e.Find([]byte("+" + d)); len(fs) != 1 || fs[0].Category != detect.BankCard {
			t.Errorf("+%s: %v", d, fs)
		}
	}
}
