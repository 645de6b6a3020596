package detect

import (
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"
)

// squeezeCellSlow is squeezeCell without its fast path: every character
// decoded and asked whether it is a space or invisible.
func squeezeCellSlow(buf, t []byte) (n int, dropped bool) {
	if len(t) > len(buf) {
		return 0, false
	}
	for p := 0; p < len(t); {
		r, size := decodeRune(t[p:])
		if r == ' ' || r == '\t' || r >= utf8.RuneSelf && (unicode.Is(unicode.Zs, r) || invisibleRune(r)) {
			dropped = true
		} else {
			n += copy(buf[n:], t[p:p+size])
		}
		p += size
	}
	return n, dropped
}

// TestSqueezeCellSameAsSlow holds squeezeCell's fast path (ASCII and
// U+4000–U+9FFF copied undecoded) to the slow reading, on random cells
// of Han, spaces, invisible characters, ASCII and broken UTF-8.
func TestSqueezeCellSameAsSlow(t *testing.T) {
	pieces := []string{"姓", "名", "联", "系", "人", "\u3000", " ", "\t", "\u200b", "\u00ad", "\u2060", "\ufeff", "\u00a0",
		"a", "1", "：", "（", "\xe4", "\xe4\xb8", "\xe9\xbf\xbf", "\xe4\x80\x80", "\xe4 ", "\xe5\xa7", "\xcc\x81", "䷀", "㐀"}
	rng := rand.New(rand.NewPCG(53, 53))
	for range 100000 {
		var cell []byte
		for range rng.IntN(12) {
			cell = append(cell, pieces[rng.IntN(len(pieces))]...)
		}
		var a, b [maxHeaderCell]byte
		n1, d1 := squeezeCell(a[:], cell)
		n2, d2 := squeezeCellSlow(b[:], cell)
		if n1 != n2 || d1 != d2 || string(a[:n1]) != string(b[:n2]) {
			t.Fatalf("squeezeCell(%q) = %q, %v; slow reading %q, %v", cell, a[:n1], d1, b[:n2], d2)
		}
	}
}
