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
