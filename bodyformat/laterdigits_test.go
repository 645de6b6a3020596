package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// spellDigitsIn writes the ASCII digits of s as the digits of the decimal
// digit block that starts at zero.
func spellDigitsIn(s string, zero rune) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(zero + (c - '0'))
	}
	return b.String()
}

// TestLaterUnicodeDigitsInBodies: the engine reads every decimal digit Go's
// tables (Unicode 15.0) know as a digit (Devanagari, mathematical,
// segmented 🯱🯹…: masked), and the decimal digits Unicode 16.0 and 17.0
// added, unassigned there, through detect's table of them: a mobile
// written in them is masked in text and in JSON.
// OUTLINED DIGIT ZERO..NINE (U+1CCF0–1CCF9) decompose <font> to 0–9:
// NFKC (Python 3.14's unicodedata, ICU 76 in Chrome 131+ and Node 23+)
// reads them as ASCII digits and Python 3.14's int() parses them; Garay,
// Kirat Rai, Sunuwar, Gurung Khema, Ol Onal, Myanmar Pao and Eastern Pwo
// Karen (16.0) and Tolong Siki (17.0) digits are Nd too.
func TestLaterUnicodeDigitsInBodies(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for _, zero := range []rune{0x1CCF0, 0x10D40, 0x11BF0, 0x16130, 0x16D70, 0x1E5F1, 0x116D0, 0x116DA, 0x11DE0} {
			sp := spellDigitsIn(m, zero)
			for _, c := range []struct{ ct, body string }{
				{"text/plain", "手机 " + sp + " 谢谢"},
				{"application/json", `{"note":"` + sp + `"}`},
			} {
				res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
				if !res.Changed || strings.Contains(string(res.Body), sp) {
					t.Errorf("U+%X digits: a mobile passes: %s", zero, c.body)
				}
			}
		}
		// the control: digits Unicode 15 knows are read
		if res := mustInspect(t, eng, []byte("手机 "+spellDigitsIn(m, 0x1FBF0)+" 谢谢"), "text/plain", "", Redact); !res.Changed {
			t.Fatalf("segmented digits not read: the control fails")
		}
	}
}
