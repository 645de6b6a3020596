package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix52FourSevenMobile (fix52lz4, 3): a mobile grouped 4-7, its
// carrier prefix and the rest (1550 7350886, 1550-7350886, a no-break or
// ideographic space, a full-width hyphen), was no mobile to the engine:
// mobileShape took two groups only as 3-8 or 7-4. Now fourSeven reads
// it, in prose and unlabelled, and a second redaction changes nothing;
// a field delimiter ('|', ',', a line break) or a token's '.' or '/'
// between the groups still sets two values apart, kept byte for byte.
// A first group that is a year from 1930 to 1999 (1998-0012345, an
// archive's or a contract's number: attack53b F4) is a mobile only
// behind its label (fix53four): such mobiles are asked labelled here,
// and TestAttack53FourSevenYearSerial keeps them unlabelled.
func TestFix52FourSevenMobile(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := rand.New(rand.NewPCG(52, 3))
	for range 20 {
		m := synth.CNMobile(r)
		year := m[:2] == "19" && m[2] >= '3'
		for _, sep := range []string{" ", "-", "\u00a0", "\u3000", "－"} {
			texts := []string{
				"请回电 " + m[:4] + sep + m[4:] + " 谢谢",
				m[:4] + sep + m[4:],
				"call me at " + m[:4] + sep + m[4:] + ".",
			}
			if year {
				texts = []string{"手机：" + m[:4] + sep + m[4:], "call me at " + m[:4] + sep + m[4:] + "."}
			}
			for _, text := range texts {
				out, fs := e.Redact([]byte(text))
				if bytes.Contains(out, []byte(m[4:])) || len(fs) != 1 || fs[0].Category != detect.CNMobile {
					t.Errorf("%q -> %q (%d findings): the 4-7 mobile goes out raw", text, out, len(fs))
				}
				if again, _ := e.Redact(out); !bytes.Equal(again, out) {
					t.Errorf("%q: a second redaction changed %q to %q", text, out, again)
				}
			}
		}
		for _, sep := range []string{"|", ",", "\n", ".", "/"} {
			text := "a " + m[:4] + sep + m[4:] + " b"
			if out, _ := e.Redact([]byte(text)); string(out) != text {
				t.Errorf("%q -> %q: two values read as one mobile", text, out)
			}
		}
	}
	if out, _ := e.Redact([]byte("2024 1234567")); !strings.Contains(string(out), "2024 1234567") {
		t.Errorf("a year and a 7-digit number masked: %q", out)
	}
}
