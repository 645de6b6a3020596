package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Attack pass 44 (record names): each test here failed before the fix,
// a finding against the record names jsonrecordnames.go reads. Kept in
// its own file so the pass's CBOR/BSON findings (attack44_test.go on
// branch attack44) merge without a conflict.

// attack44RecordName fails when name survives a Redact of the JSON body,
// whose identifier (raw) must be masked for the record to count.
func attack44RecordName(t *testing.T, body, name, raw string) {
	t.Helper()
	res := mustInspect(t, testEngine(t), []byte(body), "application/json", "", Redact)
	out := string(res.Body)
	if !res.Changed {
		out = body
	}
	if strings.Contains(out, raw) {
		t.Fatalf("the identifier itself passes: %s", out)
	}
	if strings.Contains(out, name) {
		t.Errorf("the record's name passes: %s -> %s", body, out)
	}
}

// TestAttack44RecordNameEvasions: a name under a neutral key beside a
// mobile or an ID in the same object (the record jsonrecordnames.go reads)
// passes when its value opens with a space, a tab or an ideographic
// space (recordMember drops a value whose first byte is ASCII, and
// detect.RecordName refuses the padded value), when eight other
// non-ASCII values come first (maxRecordNameVals), or when the ID is in
// an array member of the same object (recordMember: "not this record's
// field").
func TestAttack44RecordNameEvasions(t *testing.T) {
	r := rng(t.Name())
	name, m, id := synth.CNName(r), synth.CNMobile(r), synth.CNID18(r)
	pad := ""
	for i := range 8 {
		pad += fmt.Sprintf(`"f%d":"汉族已婚",`, i)
	}
	for label, body := range map[string]string{
		"leading space":      `{"a":" ` + name + `","c":"` + m + `"}`,
		"leading tab":        `{"a":"\t` + name + `","c":"` + m + `"}`,
		"ideographic space":  `{"a":"　` + name + `","c":"` + m + `"}`,
		"trailing nbsp":      `{"a":"` + name + `\u00a0","c":"` + m + `"}`,
		"eight values first": `{` + pad + `"a":"` + name + `","c":"` + m + `"}`,
	} {
		t.Run(label, func(t *testing.T) { attack44RecordName(t, body, name, m) })
	}
	t.Run("id in an array member", func(t *testing.T) {
		attack44RecordName(t, `{"a":"`+name+`","ids":["`+id+`"]}`, name, id)
	})
}

// TestAttack44RecordNameProducts: an order or product record (a title or
// an item beside a phone to deliver to) masks ordinary words that open
// with a surname: a place (王府井, 钱塘江), dishes and drinks (黄焖鸡,
// 胡辣汤, 龙井茶, 石榴汁, 马蹄糕, 陈皮糖, 朱古力). detect.RecordName's
// "no place, no common word" lists do not hold them.
func TestAttack44RecordNameProducts(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for _, w := range []string{"王府井", "钱塘江", "黄焖鸡", "胡辣汤", "龙井茶", "石榴汁", "马蹄糕", "陈皮糖", "朱古力"} {
		for _, key := range []string{"title", "item"} {
			body := `{"` + key + `":"` + w + `","qty":2,"phone":"` + m + `"}`
			res := mustInspect(t, testEngine(t), []byte(body), "application/json", "", Redact)
			if !strings.Contains(string(res.Body), w) {
				t.Errorf("an ordinary word masked: %s -> %s", body, res.Body)
			}
		}
	}
}
