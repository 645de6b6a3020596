package detect_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStarsHideNothing: stars in front of a value are not a mask that
// kept it. "**** 13812345678", "***alice@example.com" and "***DE89…" are
// an attacker's way to make a value look like what a mask left behind.
func TestStarsHideNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		mobile, email, iban := synth.CNMobile(r), synth.Email(r), synth.IBAN(r)
		for _, c := range []struct {
			text  string
			cat   detect.Category
			value string
		}{
			{"**** " + mobile, detect.CNMobile, mobile},
			{"****" + mobile, detect.CNMobile, mobile},
			{"***-**-" + mobile, detect.CNMobile, mobile},
			{"a *** " + mobile + " b", detect.CNMobile, mobile},
			{"***" + email, detect.Email, email},
			{"****" + iban, detect.IBAN, iban},
		} {
			out, fs := e.Redact([]byte(c.text))
			if !hasCategory(fs, c.cat) || bytes.Contains(out, []byte(c.value)) {
				t.Errorf("%q: %v, out %q", c.text, fs, out)
			}
		}
	}
}

// TestKeptDigitsNeverGlue: a partial mask keeps digits only where no
// neighbour can be read together with them, so redacting twice changes
// nothing.
func TestKeptDigitsNeverGlue(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{
		"001 01 0700 2000000",
		"SSN " + synth.USSSN(r) + " 2000000",
		"card " + synth.UnionPayCard(r) + " 0571 8",
		"手机 " + synth.CNMobile(r) + "_x",
	} {
		out, _ := e.Redact([]byte(text))
		again, fs := e.Redact(out)
		if !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q (%v)", text, out, again, fs)
		}
	}
}

func hasCategory(fs []detect.Finding, c detect.Category) bool {
	for _, f := range fs {
		if f.Category == c {
			return true
		}
	}
	return false
}
