package bodyformat

import (
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCardUnderOrderKey: a number of a card's shape written whole as the
// value of an order's or a transaction's key (tid, order_no, orderId,
// out_trade_no, transaction_id, 订单号) is that key's number; a card under
// a card's key, with a card's label, spaced as a card is, or under a key
// that denies nothing is a card, and so is a card next to an order's key
// (keyWords' denial holds for the key's own value only).
func TestCardUnderOrderKey(t *testing.T) {
	eng := testEngine(t)
	r := rng("card under order key")
	for range 10 {
		visa19, visa16 := synth.CardWith(r, "4", 19), synth.CardWith(r, "4", 16)
		spaced := visa16[:4] + " " + visa16[4:8] + " " + visa16[8:12] + " " + visa16[12:]
		for _, c := range []struct {
			ct, body, card string // card: "" when nothing is found
		}{
			{"application/json", `{"tid":"` + visa19 + `"}`, ""},
			{"application/json", `{"tid":` + visa19 + `}`, ""},
			{"application/json", `{"order_no":"` + visa16 + `","orderId":"` + visa19 + `"}`, ""},
			{"application/json", `{"out_trade_no":"` + visa19 + `","transaction_id":"` + visa16 + `"}`, ""},
			{"application/json", `{"订单号":["` + visa19 + `"]}`, ""},
			{"application/x-www-form-urlencoded", "tid=" + visa19, ""},
			{"application/json", `{"card_no":"` + visa19 + `"}`, visa19},
			{"application/json", `{"note":"` + visa19 + `"}`, visa19},
			{"application/json", `{"order_no":"卡号 ` + visa19 + `"}`, visa19},
			{"application/json", `{"tid":"` + spaced + `"}`, visa16},
			{"application/json", `{"tid":{"card":"` + visa19 + `"}}`, visa19},
			{"application/json", `[{"tid":"1"},"` + visa19 + `"]`, visa19},
			{"application/json", `{"a":{"tid":"1"},"b":"` + visa19 + `"}`, visa19},
			{"application/x-www-form-urlencoded", "tid=1&note=" + visa19, visa19},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if c.card == "" {
				if res.Changed {
					t.Errorf("%s altered: %s", c.body, res.Body)
				}
				continue
			}
			body := string(res.Body)
			if c.ct == "application/x-www-form-urlencoded" {
				body, _ = url.QueryUnescape(body)
			}
			if strings.Contains(strings.ReplaceAll(body, " ", ""), strings.ReplaceAll(c.card, " ", "")) || !strings.Contains(body, c.card[:4]+" ****") {
				t.Errorf("%s: card not masked: %s", c.body, res.Body)
			}
		}
	}
}

// TestKeyWordsDeny: the words of detect's NotLabels are key words, their
// spaces dropped, matched as other key words are (orderNo, ORDER_ID,
// out_trade_no), and deny a card; a card's own key denies nothing.
func TestKeyWordsDeny(t *testing.T) {
	for _, k := range []string{"tid", "order_no", "orderId", "ORDER_ID", "orderNumber", "out_trade_no", "trade_no", "transaction_id", "txnId", "订单号", "订单编号", "交易流水号"} {
		if hint, deny := keyWords(k); hint != 0 || !deny.Has("bank_card") {
			t.Errorf("%q: hint %v, deny %v", k, hint.Categories(), deny.Categories())
		}
	}
	for _, k := range []string{"card_no", "cardNumber", "银行卡号", "note", "id", "order", "trade"} {
		if _, deny := keyWords(k); deny != 0 {
			t.Errorf("%q denies %v", k, deny.Categories())
		}
	}
}

// TestKeyReadUnderNoDeny: a key is a name, read under no key's denial: a
// card used as a key under an order's key (order_no, tid) is a card, and
// the same key met again in the document, under no order key, is read as
// one too (before, the first was dropped as the order's and its slot in
// the walk's hint cache marked clean, so the second passed raw: attack
// pass 32, F1).
func TestKeyReadUnderNoDeny(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 10 {
		card := synth.CardWith(r, "4", 16)
		for _, body := range []string{
			`{"order_no":{"` + card + `":1},"x":{"` + card + `":2}}`,
			`[{"tid":{"` + card + `":1}},{"` + card + `":"card"}]`,
			`{"订单号":[{"` + card + `":1}],"cards":{"` + card + `":true}}`,
		} {
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			out := string(res.Body)
			if !res.Changed {
				out = body
			}
			if strings.Contains(out, card) {
				t.Errorf("card used as a key passes:\n%s", out)
			}
		}
	}
}

// TestOrderKeyDeniesWholeValueOnly: an order's key denies a card only
// when the card is its whole value (blanks around it aside). Form parsers
// that split fields on ';' as well as '&' (Go's net/url before 1.17,
// Python's parse_qs before 3.9.2, Rack 2's query parser, PHP with
// arg_separator.input "&;") read "order_no=1;x=<card>" as two fields, x
// holding a card; the filter, reading one field order_no, had dropped the
// card as the order's (attack pass 32, F2).
func TestOrderKeyDeniesWholeValueOnly(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 10 {
		card := synth.CardWith(r, "4", 16)
		for _, body := range []string{
			"order_no=1;x=" + card,
			"tid=20240101;note=" + card + "&a=b",
			"out_trade_no=77;pan=" + card,
			"order_no=" + card + ";x=1",
		} {
			res := mustInspect(t, eng, []byte(body), "application/x-www-form-urlencoded", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), card) {
				t.Errorf("%s: card in a ';'-separated field passes: %s", body, res.Body)
			}
		}
		if res := mustInspect(t, eng, []byte(`{"tid":"1;x=`+card+`"}`), "application/json", "", Redact); !res.Changed || strings.Contains(string(res.Body), card) {
			t.Errorf("card beside other text under an order key passes: %s", res.Body)
		}
		// the whole value, blanks around it aside, is still the order's
		for _, body := range []string{"order_no=+" + card + "+", `{"tid":" ` + card + `\n"}`} {
			ct := "application/x-www-form-urlencoded"
			if body[0] == '{' {
				ct = "application/json"
			}
			if res := mustInspect(t, eng, []byte(body), ct, "", Redact); res.Changed {
				t.Errorf("%s altered: %s", body, res.Body)
			}
		}
	}
}
