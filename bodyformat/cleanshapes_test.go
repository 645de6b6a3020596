package bodyformat

import (
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCleanShapesKept: identifiers of orders, payments, parcels and clocks
// that real APIs return, under the keys they return them. None is
// personal data; each must come out byte for byte. A 19-digit Taobao
// order id ("tid") that starts with 4 and passes Luhn (one in ten do)
// is an order's number under its key, not a Visa card (attack pass 30
// F8). In text its label denies nothing (anyone could write "tid: "
// before a card: detect.TestCardAfterOrderWords), so there a tid of a
// card's shape is masked, a cost the threat model states.
func TestCleanShapesKept(t *testing.T) {
	eng := testEngine(t)
	r := rng("clean shapes")
	type row struct{ name, key, value string }
	var rows []row
	for i := 0; i < 20; i++ {
		// Taobao/Tmall order ids: 19 digits; a tenth of real ones pass Luhn,
		// these all do
		rows = append(rows, row{"taobao order", "tid", synth.CardWith(r, strconv.Itoa(1+r.IntN(4)), 19)})
		// 16-digit order numbers that happen to pass Luhn
		rows = append(rows, row{"order 16", "order_no", synth.CardWith(r, "2026120", 16)})
		// epoch milliseconds and microseconds
		rows = append(rows, row{"epoch ms", "created_at", strconv.FormatInt(1733000000000+r.Int64N(99999999999), 10)})
		rows = append(rows, row{"epoch us", "ts", strconv.FormatInt(1733000000000000+r.Int64N(99999999999999), 10)})
		// WeChat Pay transaction_id, Alipay trade_no
		rows = append(rows, row{"wxpay", "transaction_id", "42000" + strconv.FormatInt(10000+r.Int64N(89999), 10) + "20261206" + strconv.FormatInt(1000000000+r.Int64N(8999999999), 10)})
		rows = append(rows, row{"alipay", "trade_no", "20261206220014" + strconv.FormatInt(10000000000000+r.Int64N(89999999999999), 10)})
		// ZTO / YTO / SF parcels
		rows = append(rows, row{"zto", "waybill", "7" + strconv.FormatInt(10000000000000+r.Int64N(89999999999999), 10)[:13]})
		rows = append(rows, row{"sf", "mailno", "SF" + strconv.FormatInt(1000000000000+r.Int64N(8999999999999), 10)})
		// Snowflake ids (Twitter, Discord): 18-19 digits
		rows = append(rows, row{"snowflake", "id", strconv.FormatInt(1100000000000000000+r.Int64N(800000000000000000), 10)})
		// IPv6
		rows = append(rows, row{"ipv6", "remote_ip", "2408:8207:" + strconv.FormatInt(int64(r.IntN(0xffff)), 16) + ":1380:1234:5678:" + strconv.FormatInt(int64(r.IntN(0xffff)), 16) + ":1"})
	}
	for _, ct := range []string{"application/json", "text/plain"} {
		altered := map[string]int{}
		var examples []string
		for _, rw := range rows {
			if ct == "text/plain" && rw.name == "taobao order" {
				continue // masked when of a card's shape: fail closed in text
			}
			body := `{"` + rw.key + `":"` + rw.value + `"}`
			if ct == "text/plain" {
				body = rw.key + ": " + rw.value
			}
			res := mustInspect(t, eng, []byte(body), ct, "", Redact)
			if res.Changed {
				altered[rw.name]++
				if len(examples) < 8 {
					examples = append(examples, string(res.Body))
				}
			}
		}
		if len(altered) > 0 {
			t.Errorf("%s: clean shapes altered %v, e.g. %s", ct, altered, strings.Join(examples, " | "))
		}
	}
}
