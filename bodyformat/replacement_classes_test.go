package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInvalidClassesBetweenDigitsMasked: every class of synth's invisible
// separators between the groups of a mobile, ASCII or full-width, in a
// text body: the code points the engine reads through, and bytes that are
// no UTF-8 (lone continuation bytes, surrogates and overlong forms written
// as UTF-8, sequences cut short, bytes beyond Unicode), which the U+FFFD
// reading reads, once and twice (a five-byte form only once: ten U+FFFD
// are a gap too long, threat model); in a JSON string too, as a JSON
// parser shows it (issue #9: `１３８` `ED B0 80` `１２…` had gone out).
func TestInvalidClassesBetweenDigitsMasked(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, cls := range synth.InvisibleClasses {
		for _, sep := range cls.Seps {
			for _, k := range []int{1, 2} {
				if k > 1 && len(sep) > 4 && cls.Name == "invalid-utf8" {
					continue
				}
				for _, wide := range []bool{false, true} {
					m := synth.CNMobile(r)
					v := m
					if wide {
						v = synth.FullWidth(m)
					}
					spelled := synth.Grouped(v, strings.Repeat(sep, k), 3, 4, 4)
					for _, tc := range []struct{ ct, body string }{
						{"text/plain", "tel " + spelled + " ok"},
						{"text/plain", spelled},
						{"application/json", `{"a":"` + spelled + `"}`},
						{"application/json", `{"note":"tel ` + spelled + ` ok","n":1}`},
					} {
						res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
						if strings.Contains(visibleDigits(res.Body), m) || !res.Changed {
							t.Errorf("%s %+q ×%d, %s: the mobile went out whole: %+q", cls.Name, sep, k, tc.ct, res.Body)
						}
					}
				}
			}
		}
	}
}
