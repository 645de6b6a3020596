package bodyformat

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestControlEndsValue: a control character between two identifiers, as
// a byte or spelled as an escape, ends the first for a C string and sets
// them apart for cat -v: both are masked, in text and in JSON, and a
// second redaction changes nothing (FuzzWrappedJSON found a card, then
// \000, then a mobile masked in two passes). Digits a control glues into
// one number are still read as one.
func TestControlEndsValue(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(49, 1))
	for range 4 {
		card, id, mob := synth.Visa(r), synth.CNID18(r), synth.CNMobile(r)
		for _, first := range []string{card, id} {
			for _, ctrl := range []string{"\x00", "\x01", "\x7f", `\000`, `\u0000`, `\x01`} {
				text := "note " + first + ctrl + mob
				bodies := map[string]string{
					"text/plain":       text,
					"application/json": `{"a":` + strconv.Quote(text) + `}`,
				}
				for ct, body := range bodies {
					res := mustInspect(t, eng, []byte(body), ct, "", Redact)
					out := string(res.Body)
					if strings.Contains(out, first) || strings.Contains(out, mob) {
						t.Errorf("%s %q: raw identifier left: %q", ct, body, out)
					}
					assertStable(t, eng, res, ct)
				}
			}
		}
		// one number glued by a NUL is still one
		glued := mob[:3] + "\x00" + mob[3:]
		res := mustInspect(t, eng, []byte("tel "+glued), "text/plain", "", Redact)
		if strings.Contains(string(res.Body), mob[3:]) || len(res.Findings) != 1 {
			t.Errorf("%q -> %q %v", glued, res.Body, res.Findings)
		}
	}
	// clean text with controls is kept byte for byte
	for _, clean := range []string{"a\x00b 12\x0034", "row\x01col\x7f 2024\x00年", `{"a":"x\u0000y 1\u00012"}`} {
		res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact)
		if string(res.Body) != clean || len(res.Findings) != 0 {
			t.Errorf("clean %q -> %q %v", clean, res.Body, res.Findings)
		}
	}
}
