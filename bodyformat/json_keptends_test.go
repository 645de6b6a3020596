package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestJSONMaskKeepsSourceBytes (attack pass 33): a mask written into a
// JSON string rewrites only the identifier's own bytes: the punctuation
// and white space its span begins and ends with unchanged (a join's
// element "138\n>" whose digits stay visible) are written as the source
// wrote them, not re-escaped (\u003e) as a mask is.
func TestJSONMaskKeepsSourceBytes(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for _, c := range []struct{ doc, want string }{
		{`{"v":["` + m[:3] + `\n>","` + m[3:] + `&amp;"]}`, `{"v":["` + m[:3] + `\n>","****` + m[7:] + `&amp;"]}`},
		{`{"v":"a\n> ` + m + `"}`, `{"v":"a\n> ` + m[:3] + `****` + m[7:] + `"}`},
	} {
		res, err := Inspect(testEngine(t), []byte(c.doc), "application/json", "", Redact, Limits{})
		if err != nil || string(res.Body) != c.want {
			t.Errorf("%s went out as %s, want %s (%v)", c.doc, res.Body, c.want, err)
		}
	}
	for _, c := range []struct {
		span, masked, changed string
		ts, te                int
	}{
		{"138\n>", "138\n>", "138", 0, 3},
		{"13812345678", "138****5678", "138****5678", 0, 11},
		{"+8613812345678", "138****5678", "138****5678", 0, 14},
		{"<é1", "<*1", "*1", 1, 4},
		{"(138) 1234-5678.", "(138) ****-5678.", "138) ****-5678", 1, 15},
	} {
		ts, te, changed := keptEnds([]byte(c.span), c.masked)
		if ts != c.ts || te != c.te || changed != c.changed {
			t.Errorf("keptEnds(%q, %q) = %d, %d, %q, want %d, %d, %q", c.span, c.masked, ts, te, changed, c.ts, c.te, c.changed)
		}
	}
}
