package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// luhnCard returns prefix followed by random digits to n digits, the last
// one the Luhn check digit.
func luhnCard(r *rand.Rand, prefix string, n int) string {
	b := []byte(prefix)
	for len(b) < n-1 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	return string(b) + string(synth.LuhnCheckDigit(string(b)))
}

// TestCardMaskKeepsLength: a card's partial mask holds as many places as
// its number, 13 to 19 digits: a 19-digit number masked in 16 places
// would change the length of what a receiver stores (attack pass 30 F8).
func TestCardMaskKeepsLength(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("card length")})
	r := rand.New(rand.NewPCG(30, 8))
	// Visa 13, 16, 19; Diners 14; Amex 15; UnionPay 17, 18
	for n, prefix := range map[int]string{13: "4", 14: "36", 15: "37", 16: "4", 17: "62", 18: "62", 19: "4"} {
		card := luhnCard(r, prefix, n)
		fs := e.Find([]byte("card " + card))
		if len(fs) != 1 || fs[0].Category != detect.BankCard {
			t.Fatalf("%d digits: %v", n, fs)
		}
		m := fs[0].Masked
		places := strings.Count(m, "*") + countDigits(m)
		if places != n || m[:4] != card[:4] || m[len(m)-4:] != card[n-4:] || strings.Count(m, "*") != n-8 {
			t.Errorf("%d digits masked as %q (%d places)", n, m, places)
		}
	}
}

// TestCardNotLabels: a number of a card's shape written whole right after
// a word naming an order's or a transaction's number (tid, order no, 订单号:
// CategoryInfo.NotLabels) is that number, not a card; with a card's label
// too, spaced as a card is, or after no such word, it is a card.
func TestCardNotLabels(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("not labels")})
	r := rand.New(rand.NewPCG(30, 9))
	for range 20 {
		visa19, visa16 := luhnCard(r, "4", 19), luhnCard(r, "4", 16)
		spaced := visa16[:4] + " " + visa16[4:8] + " " + visa16[8:12] + " " + visa16[12:]
		for _, c := range []struct {
			text string
			card bool
		}{
			{"tid: " + visa19, false},
			{"order no " + visa16, false},
			{"Transaction ID: " + visa19, false},
			{"订单号：" + visa19, false},
			{"訂單號 " + visa16, false},
			{visa19, true},
			{"note " + visa19, true},
			{"card: " + visa19, true},
			{"tid 卡号 " + visa19, true},
			{"order no " + spaced, true},
			{"order no 123, paid by " + visa16, true}, // the word is for the number after it
		} {
			fs := e.Find([]byte(c.text))
			found := false
			for _, f := range fs {
				found = found || f.Category == detect.BankCard
			}
			if found != c.card {
				t.Errorf("%q: card found %v, want %v (%v)", c.text, found, c.card, fs)
			}
		}
	}
	for _, c := range detect.Categories() {
		for _, w := range c.NotLabels {
			for _, l := range c.Labels {
				if w == l {
					t.Errorf("%s: %q is both a label and a not-label", c.Category, w)
				}
			}
		}
	}
}
