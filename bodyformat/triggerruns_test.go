package bodyformat

import (
	"math/rand/v2"
	"testing"
)

// TestTriggerAutomata checks triggers' automata against triggersEveryByte,
// which counts both runs with branches a byte, on the corpora's lines and
// on random texts of the bytes the runs tell apart, where each of
// trigBase64, trigHexRun and trigLookalike is often found and often not.
func TestTriggerAutomata(t *testing.T) {
	pieces := []string{"MTM4", "MTIz", "NDU2", "Nzg=", "dGVs", "3133", "3831", "dead", "BEEF", "ab", "1", "l", "O", "I",
		" ", "  ", "\t", "\n", "*", "-", "_", "+", "/", ".", ":", ",", "x", "\\", "=", "手", "é", "\u202e", "\xff", "?", "a", "Z"}
	texts := gateCorpus(t, pieces, 60000)
	r := rand.New(rand.NewPCG(34, 34))
	for range 20000 { // and single bytes of every value
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				b[i] = "0123456789abcdefABCDEF lO-"[r.IntN(26)]
			}
		}
		texts = append(texts, b)
	}
	seen := map[trigger][2]int{}
	for _, text := range texts {
		got, want := triggers(text), triggersEveryByte(text)
		if got != want {
			t.Fatalf("%q: %b, want %b", text, got, want)
		}
		for _, k := range []trigger{trigBase64, trigHexRun, trigLookalike} {
			n := seen[k]
			if got&k != 0 {
				n[1]++
			} else {
				n[0]++
			}
			seen[k] = n
		}
	}
	for k, n := range seen {
		if n[0] < 1000 || n[1] < 1000 {
			t.Errorf("trigger %b: %d texts without, %d with: too few of one to compare", k, n[0], n[1])
		}
	}
}
