package bodyformat

import (
	"math/rand/v2"
	"testing"
)

// containsFoldNaive is containsFold as it read every position.
func containsFoldNaive(b []byte, s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i]|0x20 == s[0] && hasPrefixFold(b[i:], s) {
			return true
		}
	}
	return false
}

// TestContainsFoldAsNaive checks that containsFold, which skips to the
// bytes that may start a match, answers as a look at every position does.
func TestContainsFoldAsNaive(t *testing.T) {
	alphabet := []string{"<", "s", "S", "t", "T", "y", "l", "e", "\x1c", "r", "R", "\u212a", "\u017f", "c", "o", "n", " ", "x"}
	words := []string{"<style", "style", "rtl", "content", "override", "hidden", ""}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		for _, w := range words {
			if got, want := containsFold(b, w), containsFoldNaive(b, w); got != want {
				t.Fatalf("containsFold(%q, %q) = %v, want %v", b, w, got, want)
			}
		}
	}
	for _, c := range []struct {
		b, s string
		want bool
	}{
		{"x<STYLE>", "<style", true},
		{"x\x1cstyle", "<style", false},
		{"<styl", "<style", false},
		{"RTL", "rtl", true},
		{"\u212aey", "key", false},
	} {
		if got := containsFold([]byte(c.b), c.s); got != c.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", c.b, c.s, got, c.want)
		}
	}
}
