package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLookalikesRead: a mobile or a resident ID with an O for a zero or an
// l, I or | for a one between its digits is redacted, in text and in
// JSON, and the letters around a number, words and short codes are not
// read as digits.
func TestLookalikesRead(t *testing.T) {
	r := rng(t.Name())
	for range 20 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		for _, v := range []string{m, id} {
			disguised := []byte(v)
			changed := false
			for k := 1; k < len(disguised)-1; k++ {
				switch disguised[k] {
				case '0':
					disguised[k], changed = "Oo"[k%2], true
				case '1':
					disguised[k], changed = "lI|"[k%3], true
				}
			}
			if !changed {
				continue
			}
			for _, c := range []struct{ body, ct string }{
				{"call me: " + string(disguised) + " tonight", "text/plain"},
				{`{"note":"` + string(disguised) + `"}`, "application/json"},
			} {
				res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
				if strings.Contains(string(res.Body), string(disguised)) || len(res.Findings) == 0 {
					t.Errorf("%s %q: out %q", c.ct, c.body, res.Body)
				}
			}
		}
	}
	for _, clean := range []string{"Hello 12345 world", "total 1000lbs in 12 boxes", "v1l0 build 2024O1", "I1O5 and l0O", "ref 2O24O1O1OO1"} {
		res := mustInspect(t, testEngine(t), []byte(clean), "text/plain", "", Redact)
		if string(res.Body) != clean || len(res.Findings) != 0 {
			t.Errorf("%q changed: %q %v", clean, res.Body, res.Findings)
		}
	}
}

// TestDecodeLookalikes: only letters between two digits of one run are
// replaced, byte for byte.
func TestDecodeLookalikes(t *testing.T) {
	for in, want := range map[string]string{
		"138l2345678":       "13812345678",
		"x11O1O5199y":       "x110105199y",
		"x11O1O5y":          "",
		"l38l234567I":       "l381234567I",
		"12|34|56":          "12134156",
		"1 O 2345":          "",
		"OOOO12345":         "",
		"1234O5 and 567O8o": "123405 and 567O8o",
	} {
		dec, offs, ok := decodeLookalikes([]byte(in))
		if got := string(dec); ok != (want != "") || ok && (got != want || len(offs) != len(in)+1 || offs[3] != 3) {
			t.Errorf("decodeLookalikes(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}
