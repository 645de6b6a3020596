package bodyformat

import "testing"

// TestKeyAppendedAsAppendedKey: keyAppended, which keeps appendedKey's
// answer in the key's slot of the hint cache, answers as appendedKey
// does, asked once and again, for keys of both answers, with no slot and
// with a slot another key took since.
func TestKeyAppendedAsAppendedKey(t *testing.T) {
	keys := []string{"text", "content", "delta", "reasoning_content", "output_text", "error_message", "statusMessage",
		"id", "note", "orderNo", "createdAt", "mobile", "idCard", "TEXT", "x", "_", "message"}
	yes := 0
	for _, k := range keys {
		key := []byte(k)
		want := appendedKey(key)
		if want {
			yes++
		}
		c := &hintCache{gen: 1}
		w := &jsonWalker{hints: c}
		w.keySlot = c.slot(key)
		for round := range 3 {
			if got := w.keyAppended(key); got != want {
				t.Fatalf("keyAppended(%q), round %d = %v, want %v", key, round, got, want)
			}
		}
		if w.keySlot.appended == 0 {
			t.Errorf("keyAppended(%q) kept no answer in the slot", key)
		}
		w.keySlot = nil
		if got := w.keyAppended(key); got != want {
			t.Errorf("keyAppended(%q) without a slot = %v, want %v", key, got, want)
		}
		// a slot that holds another key now: its answer is not taken
		other := &hintSlot{key: []byte("text"), appended: appendedYes}
		if want {
			other = &hintSlot{key: []byte("id"), appended: appendedNo}
		}
		w.keySlot = other
		if got := w.keyAppended(key); got != want {
			t.Errorf("keyAppended(%q) with %q's slot = %v, want %v", key, other.key, got, want)
		}
	}
	if yes == 0 || yes == len(keys) {
		t.Fatalf("%d of %d keys appended: both answers must be compared", yes, len(keys))
	}
}
