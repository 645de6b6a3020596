package bodyformat

import "testing"

// TestPutHintsForgetsKeys: the key-hint caches an inspection gives to
// the pool hold no slice of its body and no key's hint: the next
// request's walk starts as with a new cache.
func TestPutHintsForgetsKeys(t *testing.T) {
	in := &inspector{eng: testEngine(t), mode: Redact, lim: Limits{}.withDefaults()}
	body := []byte(`[{"mobile":"x","name":"y"},{"mobile":"z","name":"w"}]`)
	c := in.takeHints()
	c.hint(body[3:9])
	c.hint(body[20:24])
	in.giveHints(c)
	in.putHints()
	if len(in.hintCaches) != 0 {
		t.Fatalf("%d caches kept by the inspection", len(in.hintCaches))
	}
	if c.gen != 1 || c.flip {
		t.Fatalf("a cache went to the pool at generation %d", c.gen)
	}
	for k, s := range c.slots {
		if s.key != nil || s.hint != 0 || s.gen != 0 || s.clean || s.work != 0 {
			t.Fatalf("a cache went to the pool with slot %d holding %+v", k, s)
		}
	}
}
