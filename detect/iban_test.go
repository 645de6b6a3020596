package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// IBANs are found however they are written: a space after the country
// code, dashes, dots, uneven groups, Libya's, in full-width characters too.
func TestIBANWritten(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("iban")})
	r := rand.New(rand.NewPCG(11, 5))
	for k := range 300 {
		v := synth.IBANWritten(r)
		if k%3 == 0 {
			v = synth.FullWidth(v)
		}
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

// The card networks beyond the big ones: Maestro and Dankort stand alone;
// UnionPay's 81 range and UATP numbers, too like machine numbers, with a
// label.
func TestMoreCardNetworks(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cards")})
	r := rand.New(rand.NewPCG(11, 7))
	for range 100 {
		up16 := synth.UnionPayCard(r)
		for len(up16) != 16 {
			up16 = synth.UnionPayCard(r)
		}
		for _, c := range []struct {
			value  string
			label  string
			alone  bool
			method string
		}{
			{synth.Maestro(r), "卡号：", true, "maestro"},
			{synth.Dankort(r), "card: ", true, "dankort"},
			{synth.UnionPay81(r), "银行卡号：", false, "unionpay 81"},
			{synth.UATP(r), "credit card: ", false, "uatp"},
			{synth.Grouped(up16, " ", 6, 6, 4), "银行卡号：", true, "unionpay 6-6-4"},
		} {
			text := c.label + c.value
			if fs := e.Find([]byte(text)); !covers(fs, detect.BankCard, len(c.label), len(text)) {
				t.Errorf("%s %q: not found behind its label: %v", c.method, text, fs)
			}
			alone := "ref " + c.value + " ok"
			if got := covers(e.Find([]byte(alone)), detect.BankCard, 4, 4+len(c.value)); got != c.alone {
				t.Errorf("%s %q: found alone %v, want %v", c.method, alone, got, c.alone)
			}
		}
	}
}

// An IBAN written all in lower case is one; a bank code in mixed case
// (LV80 bANK …) is not.
func TestIBANCase(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("iban")})
	r := rand.New(rand.NewPCG(11, 17))
	for range 200 {
		v := synth.IBAN(r)
		if v[:2] != "GB" && v[:2] != "NL" {
			continue // the countries whose bank codes are letters
		}
		low := strings.ToLower(v)
		if !covers(e.Find([]byte("iban "+low)), detect.IBAN, 5, 5+len(low)) {
			t.Errorf("%q: not found in lower case", low)
		}
		mixed := v[:4] + strings.ToLower(v[4:5]) + v[5:]
		for _, f := range e.Find([]byte("iban " + mixed)) {
			if f.Category == detect.IBAN {
				t.Errorf("%q: found with a bank code in mixed case", mixed)
			}
		}
	}
}
