package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestTrunkPrefixLengthsExact: Russia's trunk 8 and Mexico's 044/045 are
// left out of the count only in a number of its country's length once
// they are: one digit more or less, or another prefix (046), is no phone.
// A Russian number is held to no North American rule (its fourth digit
// may be 0 or 1), but its toll-free 8 800 is a business line.
func TestTrunkPrefixLengthsExact(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("trunk")})
	r := rand.New(rand.NewPCG(41, 7))
	for range 20 {
		ru := "9" + digitsOf(r, 2) + string(byte('0'+r.IntN(2))) + digitsOf(r, 6) // a Russian mobile's ten digits, its fourth 0 or 1
		mx := "55" + digitsOf(r, 8)
		for text, want := range map[string]bool{
			"+7 (8) " + ru:         true,
			"+7 " + ru:             true,
			"+7 8 800 " + ru[3:]:   false,
			"+7 800 " + ru[3:]:     false,
			"+7 8 " + ru + "1":     false, // one over
			"+52 044 " + mx:        true,
			"+52 045 " + mx:        true,
			"+52 046 " + mx:        false,
			"+52 044 " + mx[:9]:    false,
			"+52 044 " + mx + "12": false,
		} {
			if got := phoneFound(e, "call "+text+" now"); got != want {
				t.Errorf("%q: phone found %v, want %v", text, got, want)
			}
		}
	}
}

// TestCNLandlineTrunkZeroAlone: the trunk 0 set apart after +86 ((0),
// （0）) before the rest run on reads the landline; the rest of a wrong
// length, or with no area code a landline has, is none.
func TestCNLandlineTrunkZeroAlone(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("trunk0")})
	r := rand.New(rand.NewPCG(41, 8))
	landline := func(text string) bool {
		for _, f := range e.Find([]byte("call " + text + " now")) {
			if f.Category == detect.CNLandline {
				return true
			}
		}
		return false
	}
	for range 20 {
		local := string(byte('2'+r.IntN(8))) + digitsOf(r, 7)
		for text, want := range map[string]bool{
			"+86 (0)10" + local:     true,
			"+86 (0)755" + local:    true,
			"+86 (0)10" + local[:6]: false, // a local number too short
			"+86 (0)11" + local:     false, // no area code 011
		} {
			if got := landline(text); got != want {
				t.Errorf("%q: landline %v, want %v", text, got, want)
			}
		}
	}
}
