package asciidigits

import "testing"

// TestCount counts ASCII digits and nothing else: no full-width or Arabic
// digit, no byte next to '0' and '9'.
func TestCount(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 0},
		{"0123456789", 10},
		{"/:", 0},
		{"1a2 b3", 3},
		{"１２３٣", 0},
		{"tel 138-0000-0000", 11},
	} {
		if got := Count([]byte(c.in)); got != c.want {
			t.Errorf("Count(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}
