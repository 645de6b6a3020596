package detect

import "testing"

// TestWordSetFilter checks that the filter of a wordSet never refuses a
// word of the set, and refuses others.
func TestWordSetFilter(t *testing.T) {
	for _, name := range []string{"surnames.txt", "commonwords.txt", "notnames.txt", "notnamechars.txt", "notnamefinals.txt",
		"nonvalues.txt", "countrycodes.txt", "idntlds.txt", "stoptlds.txt", "fileexts.txt"} {
		words := readWords(name)
		set := newWordSet(words)
		for _, w := range words {
			if !set.has([]byte(w)) {
				t.Errorf("%s: %q not found in its own set", name, w)
			}
			if set.has([]byte(w + "\x00")) {
				t.Errorf("%s: %q with a byte more found", name, w)
			}
		}
	}
}
