package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCardMaskKeepsLength: a card's partial mask holds as many places as
// its number, 13 to 19 digits: a 19-digit number masked in 16 places
// would change the length of what a receiver stores (attack pass 30 F8).
func TestCardMaskKeepsLength(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("card length")})
	r := rand.New(rand.NewPCG(30, 8))
	// Visa 13, 16, 19; Diners 14; Amex 15; UnionPay 17, 18
	for n, prefix := range map[int]string{13: "4", 14: "36", 15: "37", 16: "4", 17: "62", 18: "62", 19: "4"} {
		card := synth.CardWith(r, prefix, n)
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

// TestCardAfterOrderWords: words naming an order's or a transaction's
// number (tid, order no, 订单号: CategoryInfo.NotLabels) deny a card only
// as a JSON key or a form field's name (bodyformat.TestCardUnderOrderKey),
// never in text: anyone writing a message can put them before a card, so
// a card written after them is still a card (fail closed).
func TestCardAfterOrderWords(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("not labels")})
	r := rand.New(rand.NewPCG(30, 9))
	for range 20 {
		visa19, visa16 := synth.CardWith(r, "4", 19), synth.CardWith(r, "4", 16)
		for _, text := range []string{
			"tid: " + visa19,
			"order no " + visa16,
			"Transaction ID: " + visa19,
			"订单号：" + visa19,
			"訂單號 " + visa16,
			"tid 卡号 " + visa19,
		} {
			fs := e.Find([]byte(text))
			found := false
			for _, f := range fs {
				found = found || f.Category == detect.BankCard
			}
			if !found {
				t.Errorf("%q: no card found (%v)", text, fs)
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
