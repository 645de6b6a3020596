package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPlusJoinedMobile checks a mainland mobile after a '+' glued to a word
// or a form's '=': no +1 number (its exchange starts with 0 or 1), so the
// receiver reads the mobile ('+' is a space in a form, a joiner in text).
// International numbers, sums and a standalone '+' keep their reading.
func TestPlusJoinedMobile(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for i := 0; i < 20; i++ {
		b := []byte(synth.CNMobile(r))
		b[4] = "01"[i%2] // +1 3xx 0…: no North American exchange
		m := string(b)
		for _, text := range []string{
			"x+" + m,
			"tel=a@b.com+" + m,
			"x=+" + m,
			"a=1&+" + m,
			"电话+" + m,
			"2+" + m, // a sum whose operand is a mobile: the receiver still reads the mobile
		} {
			if !found(e, text, detect.CNMobile) {
				t.Errorf("no mobile in %q", text)
			}
		}
	}
	// international numbers keep their reading
	for _, text := range []string{"x+14155550100", "call +1 415 555 0100", "x+85291234567"} {
		if !found(e, text, detect.Phone) || found(e, text, detect.CNMobile) {
			t.Errorf("%q: want a phone, got %s", text, describe("", e.Find([]byte(text))))
		}
	}
	for _, text := range []string{"+8613812345678", "0086-13812345678", "(+86)13812345678"} {
		if !found(e, text, detect.CNMobile) {
			t.Errorf("no mobile in %q", text)
		}
	}
	// look-alikes stay as they are: a standalone '+' before a number that
	// is no +1 number, toll-free numbers, a '+' after a space or ':'
	for _, text := range []string{
		"+13080850130", "call +13080850130", "tel:+13080850130", "(+13080850130)",
		"+18001234567", "x +18001234567", "x+1 308 085 0130", "x+1308085013", "x+130808501301",
	} {
		if fs := e.Find([]byte(text)); len(fs) != 0 {
			t.Errorf("%q: want nothing, got %s", text, describe("", fs))
		}
		if out, _ := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
			t.Errorf("%q redacted to %q", text, out)
		}
	}
}
