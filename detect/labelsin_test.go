package detect

import "testing"

// TestLastValueByte holds lastValueByte to a byte-by-byte walk back with
// isLabelValueByte: every byte in every position of windows of every
// length up to 20, among bytes of every kind (letters, value bytes, bytes
// next to them, bytes with the high bit set that look like them below it),
// with value bytes on both sides of the window that it never reads.
func TestLastValueByte(t *testing.T) {
	fills := []byte{'a', '0', '9', '/', ':', '*', ')', '+', ']', '\\', '^', 0x80 | '0', 0x80 | '*', 0x80 | ']', 0xE4, 0xFF, 0x00}
	want := func(text []byte, lo, hi int) int {
		for k := hi - 1; k >= lo; k-- {
			if isLabelValueByte(text[k]) {
				return k
			}
		}
		return lo - 1
	}
	for b := 0; b < 256; b++ {
		for _, fill := range fills {
			for n := 0; n <= 20; n++ {
				for pos := 0; pos < n; pos++ {
					// value bytes around the window: none of them is its
					text := make([]byte, n+4)
					for k := range text {
						text[k] = '0'
					}
					lo, hi := 2, 2+n
					for k := lo; k < hi; k++ {
						text[k] = 'x'
					}
					for k := pos + 1; k < n; k++ {
						text[lo+k] = fill
					}
					text[lo+pos] = byte(b)
					if got, w := lastValueByte(text, lo, hi), want(text, lo, hi); got != w {
						t.Fatalf("lastValueByte(% x, %d, %d) = %d, want %d", text, lo, hi, got, w)
					}
				}
			}
		}
	}
}
