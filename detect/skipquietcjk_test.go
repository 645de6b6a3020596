package detect

import (
	"strings"
	"testing"
)

// skipQuietCJKReference is skipQuietCJK written one character at a time
// from bmpActive, as the scanner first had it.
func skipQuietCJKReference(text []byte, i int) int {
	for i+2 < len(text) {
		b, b1, b2 := text[i], text[i+1], text[i+2]
		if b&0xF0 != 0xE0 || (b1^0x80)|(b2^0x80) >= 0x40 {
			return i
		}
		r := rune(b&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
		if r < 0x800 || bmpActive[r>>6]&(1<<(r&63)) != 0 {
			return i
		}
		i += 3
	}
	return i
}

// TestSkipQuietCJKSameAsReference checks skipQuietCJK against the
// reference on every three bytes that start with a three-byte lead,
// written first, second and last after quiet characters, so that both of
// its loops (two characters at a time, then one) meet each of them.
func TestSkipQuietCJKSameAsReference(t *testing.T) {
	const quiet = "的" // no action
	if r := rune(0x7684); bmpActive[r>>6]&(1<<(r&63)) != 0 {
		t.Fatal("的 has an action: pick another quiet character")
	}
	var texts [][]byte
	for pre := 0; pre <= 3; pre++ {
		for post := 0; post <= 3; post++ {
			texts = append(texts, []byte(strings.Repeat(quiet, pre)+"xyz"+strings.Repeat(quiet, post)))
		}
	}
	checked := 0
	for b0 := 0xE0; b0 <= 0xEF; b0++ {
		for b1 := 0; b1 <= 0xFF; b1++ {
			for b2 := 0; b2 <= 0xFF; b2++ {
				for k, text := range texts {
					at := 3 * (k / 4)
					text[at], text[at+1], text[at+2] = byte(b0), byte(b1), byte(b2)
					for _, from := range []int{0, at} {
						if got, want := skipQuietCJK(text, from), skipQuietCJKReference(text, from); got != want {
							t.Fatalf("skipQuietCJK(% x, %d) = %d, want %d", text, from, got, want)
						}
						checked++
					}
				}
			}
		}
	}
	// the ASCII and multi-byte texts around it
	for _, s := range []string{"", "a", "的", "的的的的的的的的的的a", "的的的的\xe4\xb8", "的的的的的的的市的", "的\u3000的", "\xed\xa0\x80的的的"} {
		for i := 0; i <= len(s); i++ {
			if got, want := skipQuietCJK([]byte(s), i), skipQuietCJKReference([]byte(s), i); got != want {
				t.Errorf("skipQuietCJK(%q, %d) = %d, want %d", s, i, got, want)
			}
			checked++
		}
	}
	if checked < 1<<20 {
		t.Fatalf("only %d cases checked", checked)
	}
}

// quietASCIIByte is the byte-table view of loudBytes: an ASCII byte
// outside 0x23..0x28 and 0x30..0x40 other than '[' and '{'.
func quietASCIIByte(b byte) bool {
	return b < 0x80 && !(b >= 0x23 && b <= 0x28) && !(b >= 0x30 && b <= 0x40) && b != '[' && b != '{'
}

// skipQuietASCIIReference is skipQuietASCII one byte at a time.
func skipQuietASCIIReference(text []byte, i int) int {
	for ; i+8 <= len(text); i += 8 {
		for k := range 8 {
			if !quietASCIIByte(text[i+k]) {
				return i + k
			}
		}
	}
	return i
}

// TestSkipQuietASCIISameAsReference checks skipQuietASCII against the
// reference for every byte at every offset of texts of every length up to
// 24 around it, read from every start.
func TestSkipQuietASCIISameAsReference(t *testing.T) {
	for n := 1; n <= 24; n++ {
		text := []byte(strings.Repeat("ab, c.d/e", 3))[:n]
		for at := range n {
			for b := range 256 {
				saved := text[at]
				text[at] = byte(b)
				for from := 0; from <= n; from++ {
					if got, want := skipQuietASCII(text, from), skipQuietASCIIReference(text, from); got != want {
						t.Fatalf("skipQuietASCII(% x, %d) = %d, want %d", text, from, got, want)
					}
				}
				text[at] = saved
			}
		}
	}
}
