package bodyformat

import (
	"fmt"
	"testing"
)

// TestHintSlotPredictedAsHashed: the hint cache's slot, which answers
// the key that followed the last one last time from that slot
// (hintSlot.next) without hashing it, returns the slot the hash finds,
// with keyWords' hint and denial, over records whose keys repeat, change
// order, are pushed out by more keys than there are slots, and across
// resets; and once a record's keys came in an order, the next record's
// are answered by prediction.
func TestHintSlotPredictedAsHashed(t *testing.T) {
	r := rng(t.Name())
	base := []string{"id", "name", "idCard", "mobile", "email", "address", "bankCard", "note", "orderNo", "createdAt", "productName", "tel"}
	c := &hintCache{gen: 1}
	predicted := 0
	for round := range 400 {
		keys := base
		switch round % 5 {
		case 1:
			keys = append([]string(nil), base...)
			r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		case 2:
			keys = nil
			for k := range 300 { // more keys than slots
				keys = append(keys, fmt.Sprintf("k%d_%d", r.IntN(400), k%3))
			}
		case 3:
			c.reset()
		}
		for _, k := range keys {
			key := []byte(k)
			var want *hintSlot
			if c.last != nil {
				want = c.last.next
			}
			got := c.slot(key)
			if got == want {
				predicted++
			}
			if h := c.hashedSlot(key); h != got {
				t.Fatalf("round %d: slot(%q) = %p, the hash finds %p", round, key, got, h)
			}
			if hint, deny := keyWords(key); got.hint != hint || got.deny != deny || string(got.key) != k || got.gen != c.gen {
				t.Fatalf("round %d: slot(%q) holds %q %v %v gen %d, want %v %v gen %d", round, key, got.key, got.hint, got.deny, got.gen, hint, deny, c.gen)
			}
		}
	}
	// the records of base after the first: every key predicted
	c = &hintCache{gen: 1}
	for range 2 {
		for _, k := range base {
			c.slot([]byte(k))
		}
	}
	for i, k := range base {
		want := c.last.next
		if got := c.slot([]byte(k)); got != want || want == nil {
			t.Fatalf("key %d (%q) of a third record not predicted", i, k)
		}
	}
	if predicted == 0 {
		t.Fatal("no key predicted")
	}
}
