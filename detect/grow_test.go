package detect

import "testing"

// TestGrownLen checks grownLen's bounds: never less room than doubling,
// extrapolation capped by the text's length and, while the buffer still
// fits, by what the pool keeps; few items or no position: plain doubling.
func TestGrownLen(t *testing.T) {
	cases := []struct {
		name                      string
		used, extra, pos, n, keep int
		want                      int
	}{
		{"few items double", 100, 16, 10, 1 << 20, 1 << 30, 116},
		{"no position doubles", 4096, 16, 0, 1 << 20, 1 << 30, 4112},
		{"at the end doubles", 4096, 16, 1 << 20, 1 << 20, 1 << 30, 4112},
		// 4096 items in the first 64 KiB of 1 MiB: 61440 more at that rate,
		// an eighth of the 65536 in all more
		{"extrapolated", 4096, 16, 64 << 10, 1 << 20, 1 << 30, 61440 + 65536/8 + 16},
		{"kept to the pool's bound", 4096, 16, 64 << 10, 1 << 20, 60000, 60000 - 4096 + 16},
		{"far past the pool's bound", 4096, 16, 64 << 10, 1 << 20, 50000, 61440 + 65536/8 + 16},
		{"past the pool's bound", 30000, 16, 512 << 10, 1 << 20, 20000, 30000 + 60000/8 + 16},
		// a rate of more than an item a byte is not extrapolated past n
		{"capped by the text", 8192, 16, 4096, 1 << 20, 1 << 30, 1<<20 + 16},
		{"doubling beats the guess", 1 << 20, 16, 1<<20 - 1, 1 << 20, 1 << 30, 1<<20 + 16},
	}
	for _, c := range cases {
		got := grownLen(c.used, c.extra, c.pos, c.n, c.keep)
		if got != c.want {
			t.Errorf("%s: grownLen(%d, %d, %d, %d, %d) = %d, want %d", c.name, c.used, c.extra, c.pos, c.n, c.keep, got, c.want)
		}
		if got < c.used+c.extra {
			t.Errorf("%s: %d is less room than doubling", c.name, got)
		}
		if got > max(c.used, c.n)+c.extra {
			t.Errorf("%s: %d is more room than the text needs", c.name, got)
		}
	}
}
