package detect_test

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestLandlineDottedAfterCountryCode: after +86 or 0086 a landline's
// groups set apart by full stops are a landline (three- and four-digit
// area codes, with or without the trunk "(0)"), found as CNLandline;
// dotted groups with no country code before them (an IP address, a
// version, a price) and dotted groups after +86 that make no landline
// stay unfound.
func TestLandlineDottedAfterCountryCode(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cn")})
	for _, s := range []string{"+86 10.6552.9988", "+86 (0)20.3712.8890", "0086 21.6123.4567", "+86 0755.2612.3456", "+86.(0)28.8531.2277", "+86 571.8702.1234"} {
		fs := e.Find([]byte("tel " + s + " ok"))
		if len(fs) != 1 || fs[0].Category != detect.CNLandline {
			t.Errorf("%q: %+v", s, fs)
		}
	}
	for _, s := range []string{"10.8888.6666", "version 10.12.6552.9988", "198.51.100.7", "+86 1.2.3.4", "+86 10.100.200.100", "+86 10.8888.666", "price 1.888.666"} {
		if fs := e.Find([]byte("see " + s + " ok")); len(fs) != 0 {
			t.Errorf("%q: %+v", s, fs)
		}
	}
}
