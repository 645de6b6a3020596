package detect_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// laterNdZeros are the zeros of the decimal digit runs Unicode 16.0 and
// 17.0 added, which Go's Unicode 15.0 tables leave unassigned.
var laterNdZeros = []rune{0x10D40, 0x11BF0, 0x116D0, 0x116DA, 0x16130, 0x16D70, 0x1CCF0, 0x1E5F1, 0x11DE0}

// spellIn writes the ASCII digits of s as the digits of the run that
// starts at zero.
func spellIn(s string, zero rune) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(zero + c - '0')
	}
	return b.String()
}

// TestLaterUnicodeDigits: every digit of each run Unicode added after
// Go's tables (Garay, Sunuwar, Myanmar Pao and Eastern Pwo Karen, Gurung
// Khema, Kirat Rai, Outlined, Ol Onal, Tolong Siki) is a digit of its
// value to the engine: a mobile written in them is found with the
// fingerprint of its ASCII spelling, each of the ten digits standing in
// it once. The code points around a run are no digits.
func TestLaterUnicodeDigits(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	inRun := func(r rune) bool {
		for _, z := range laterNdZeros {
			if r >= z && r <= z+9 {
				return true
			}
		}
		return false
	}
	for _, z := range laterNdZeros {
		if unicode.Is(unicode.Nd, z) {
			continue // Go's tables know it: read by unicode.Nd
		}
		for d := range rune(10) {
			var b [utf8.UTFMax]byte
			n := utf8.EncodeRune(b[:], z+d)
			if size, ok := detect.DigitAt(b[:n], 0); !ok || size != n || !detect.DecimalDigit(z+d) {
				t.Errorf("U+%X is no digit", z+d)
			}
		}
		for _, r := range []rune{z - 1, z + 10} {
			if !inRun(r) && detect.DecimalDigit(r) {
				t.Errorf("U+%X, beside the run at U+%X, read as a digit", r, z)
			}
		}
		// 1380123456 + 7..9 and 1398901234 + 5..: every digit 0-9 in each
		for _, m := range []string{"13801234567", "13989012345"} {
			want := e.Find([]byte("tel " + m + " ok"))
			got := e.Find([]byte("tel " + spellIn(m, z) + " ok"))
			if len(want) != 1 || len(got) != 1 || got[0].Category != detect.CNMobile || got[0].Fingerprint != want[0].Fingerprint {
				t.Errorf("U+%X digits: %s read as %v, ASCII as %v", z, m, got, want)
			}
		}
	}
}
