package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCardFoursThenLonger (attack 43): a 17- to 19-digit card written in
// fours with a longer last group (6280−7780‑5569‐05018) is a card, with
// every dash a reader skips between its groups: ASCII, the Unicode
// hyphens and dashes (U+2010..U+2015), the minus sign, the small and
// full-width hyphen-minus, mixed. A last group of eight is no card shape.
func TestCardFoursThenLonger(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 43))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	dashes := []string{"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d", " "}
	for i := range 40 {
		card := synth.CardWith(r, "62", 17+i%3)
		for k := range dashes {
			a, b, c := dashes[k], dashes[(k+i)%len(dashes)], dashes[(k+2*i)%len(dashes)]
			for _, text := range []string{
				"card " + card[:4] + a + card[4:8] + b + card[8:12] + c + card[12:],
				card[:4] + a + card[4:8] + a + card[8:12] + a + card[12:] + " ok",
			} {
				red, fs := e.Redact([]byte(text))
				if !hasCat(fs, detect.BankCard) || strings.Contains(strings.Map(keepDigits, string(red)), card) {
					t.Errorf("%q: %v -> %q", text, fs, red)
				}
			}
		}
	}
	// a last group of eight: not written as cards are
	card := synth.CardWith(r, "62", 16)
	if _, fs := e.Redact([]byte("ref " + card[:4] + "-" + card[4:8] + "-" + card[8:])); hasCat(fs, detect.BankCard) {
		t.Errorf("4-4-8 taken for a card: %v", fs)
	}
}

// keepDigits keeps ASCII digits and drops every other rune.
func keepDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

// hasCat reports whether fs holds a finding of c.
func hasCat(fs []detect.Finding, c detect.Category) bool {
	for _, f := range fs {
		if f.Category == c {
			return true
		}
	}
	return false
}
