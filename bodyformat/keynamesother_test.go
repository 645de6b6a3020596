package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestKeyNamesOtherKeptInSlot: jsonWalker.keyNamesOther, which keeps
// keyNamesOther's answer in the key's slot of the hint cache, answers as
// keyNamesOther does, asked once and again, for keys of both answers,
// with no slot and with a slot another key took since; and it keeps the
// answer in the slot, so that a record's keys are looked up in the key
// list once a walk, not once a record.
func TestKeyNamesOtherKeptInSlot(t *testing.T) {
	keys := []string{"productName", "nickname", "city_name", "shop_name", "a", "note", "orderNo", "createdAt",
		"code", "message", "data", "v", "x"}
	yes := 0
	for _, k := range keys {
		key := []byte(k)
		want := keyNamesOther(key)
		if want {
			yes++
		}
		c := &hintCache{gen: 1}
		w := &jsonWalker{hints: c}
		w.keySlot = c.slot(key)
		for round := range 3 {
			if got := w.keyNamesOther(key); got != want {
				t.Fatalf("keyNamesOther(%q), round %d = %v, want %v", key, round, got, want)
			}
		}
		if w.keySlot.namesOther == 0 {
			t.Errorf("keyNamesOther(%q) kept no answer in the slot", key)
		}
		w.keySlot = nil
		if got := w.keyNamesOther(key); got != want {
			t.Errorf("keyNamesOther(%q) without a slot = %v, want %v", key, got, want)
		}
		// a slot that holds another key now: its answer is not taken
		other := &hintSlot{key: []byte("productName"), namesOther: appendedYes}
		if want {
			other = &hintSlot{key: []byte("a"), namesOther: appendedNo}
		}
		w.keySlot = other
		if got := w.keyNamesOther(key); got != want {
			t.Errorf("keyNamesOther(%q) with %q's slot = %v, want %v", key, other.key, got, want)
		}
	}
	if yes == 0 || yes == len(keys) {
		t.Fatalf("%d of %d keys name something else: both answers must be compared", yes, len(keys))
	}
}

// TestRecordNamesKeyAnswerKept: in an array of records, whose keys come
// again in every record, a name under a key that names nothing is masked
// in every record, and one under a key that names something else
// (productName) kept in every record, the first record's answer kept in
// the hint cache and taken by the others; a nested object's key between
// the key and the end of its member takes no answer of another key.
func TestRecordNamesKeyAnswerKept(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 20; k++ {
		var b strings.Builder
		var names, kept []string
		b.WriteString(`[`)
		for i := range 4 {
			if i > 0 {
				b.WriteString(`,`)
			}
			name, product, id := synth.CNName(r), synth.CNName(r), synth.CNID18(r)
			names, kept = append(names, name), append(kept, product)
			b.WriteString(`{"a":"` + name + `","productName":"` + product + `","m":{"productName":1},"id":"` + id + `"}`)
		}
		b.WriteString(`]`)
		body := b.String()
		res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
		out := string(res.Body)
		for i := range names {
			if strings.Contains(out, names[i]) {
				t.Fatalf("record %d's name left raw: %s -> %s", i, body, out)
			}
			if !strings.Contains(out, `"productName":"`+kept[i]+`"`) {
				t.Fatalf("record %d's product name masked: %s -> %s", i, body, out)
			}
		}
	}
}
