package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// IBANs are found however they are written: a space after the country
// code, dashes, dots, uneven groups, Libya's.
func TestIBANWritten(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("iban")})
	r := rand.New(rand.NewPCG(11, 5))
	for range 300 {
		v := synth.IBANWritten(r)
		text := "Please wire to " + v + " by Friday."
		start := len("Please wire to ")
		if fs := e.Find([]byte(text)); !covers(fs, detect.IBAN, start, start+len(v)) {
			t.Errorf("%q: not found whole: %v", text, fs)
		}
	}
}

// A mistyped IBAN written in groups is no IBAN, and its digits are no
// landline, card or mobile either.
func TestIBANFragmentsAreNothingElse(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("iban")})
	r := rand.New(rand.NewPCG(11, 6))
	for range 300 {
		v := synth.GroupIBAN(synth.IBANBadCheck(r))
		if fs := e.Find([]byte("IBAN: " + v + " thanks")); len(fs) > 0 {
			t.Errorf("%q: %v", v, fs)
		}
	}
}
