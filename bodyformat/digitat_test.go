package bodyformat

import (
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestDigitAtIsDetects checks digitAt answers as detect.DigitAt does for
// every character of the Basic Multilingual Plane, followed by a digit
// or by nothing, and for every lead byte cut short or followed by bytes
// that make no character (invalid UTF-8, surrogates, overlong forms).
func TestDigitAtIsDetects(t *testing.T) {
	check := func(text []byte) {
		t.Helper()
		gs, gok := digitAt(text, 0)
		ws, wok := detect.DigitAt(text, 0)
		if gs != ws || gok != wok {
			t.Fatalf("% x: digitAt (%d, %v), DigitAt (%d, %v)", text, gs, gok, ws, wok)
		}
	}
	var b [utf8.UTFMax + 1]byte
	for r := rune(0); r < 0x10000; r++ {
		n := utf8.EncodeRune(b[:], r)
		check(b[:n])
		b[n] = '1'
		check(b[:n+1])
	}
	for c0 := 0xE0; c0 <= 0xEF; c0++ {
		for _, c1 := range []byte{0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
			for _, c2 := range []byte{0x00, 0x31, 0x80, 0xBF, 0xC0, 0xFF} {
				check([]byte{byte(c0), c1, c2})
				check([]byte{byte(c0), c1})
			}
		}
		check([]byte{byte(c0)})
	}
	for _, s := range []string{"&#49;", "&#x31;", "&amp;", "&", "\xff", "\xf0\x9f\x98\x80", "𝟏", "١"} {
		check([]byte(s))
	}
}
