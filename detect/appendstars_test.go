package detect

import (
	"bytes"
	"testing"
)

// TestAppendStars holds appendStars, which copies stars a block at a
// time, to n stars appended one at a time, for every n from below zero to
// several blocks, after an empty and a non-empty dst.
func TestAppendStars(t *testing.T) {
	for _, prefix := range []string{"", "138"} {
		for n := -2; n <= 4*len(starBlock)+3; n++ {
			want := []byte(prefix)
			for k := 0; k < n; k++ {
				want = append(want, '*')
			}
			if got := appendStars([]byte(prefix), n); !bytes.Equal(got, want) {
				t.Fatalf("appendStars(%q, %d) = %q, want %q", prefix, n, got, want)
			}
		}
	}
}
