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

// TestControlEndsEverySpelling: a control that sets an identifier apart
// is read so whatever spells it: a percent escape in plain text (%00,
// %01), a C1 control as bytes (U+0085) with one digit or a letter on the
// other side; clean text of the same shape is kept byte for byte.
func TestControlEndsEverySpelling(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	card, mob := synth.Visa(r), synth.CNMobile(r)
	for _, body := range []string{
		"note " + card + "%00" + mob,
		"room 1%01" + mob,
		"tel\u0085" + mob,
		mob + "\u00851",
		"note " + card + "&#x85;" + mob,
	} {
		res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
		if out := string(res.Body); strings.Contains(out, card) || strings.Contains(out, mob) {
			t.Errorf("%q: raw identifier left: %q", body, out)
		}
		assertStable(t, eng, res, "text/plain")
	}
	for _, clean := range []string{"12%0034 a%01b", "1\u00852 x\u0085y", "no\u00a012345\u00a0ok"} {
		res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact)
		if string(res.Body) != clean || len(res.Findings) != 0 {
			t.Errorf("clean %q -> %q %v", clean, res.Body, res.Findings)
		}
	}
}

// TestControlTriggerC1: a C1 control in UTF-8 (C2 80–C2 9F) is a
// trigControl, the other characters of C2 (nbsp, '·') are not.
func TestControlTriggerC1(t *testing.T) {
	for text, want := range map[string]bool{
		"a\u0085b": true, "a\u0080": true, "a\u009fb": true,
		"a\u00a0b": false, "a·b": false, "a\xc2": false, "中文": false,
	} {
		if got := triggers([]byte(text))&trigControl != 0; got != want {
			t.Errorf("%q: trigControl %v, want %v", text, got, want)
		}
	}
}
