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

// TestPlusJoinedMobilePhoneOff: a mobile after a glued '+' whose digits are
// also a +1 number (1[3-9]x: a North American area code) is read as the
// mainland mobile when the policy leaves the phone category out, so that
// whether it is masked does not hang on that category; with the phone
// category on it keeps its +1 reading, and a standalone '+' keeps its
// international reading (nothing, the category being off).
func TestPlusJoinedMobilePhoneOff(t *testing.T) {
	r := seeded(seedOf(t.Name()))
	off := []detect.Policy{
		{Categories: []detect.Category{detect.CNMobile, detect.CNID}},
		{Ignore: []detect.Category{detect.Phone}},
	}
	on := newEngine(t, detect.Policy{})
	phoneOnly := newEngine(t, detect.Policy{Categories: []detect.Category{detect.Phone}})
	for i := 0; i < 20; i++ {
		b := []byte(synth.CNMobile(r))
		b[4] = "23456789"[i%8] // +1 3xx 2…: a North American exchange
		m := string(b)
		for _, text := range []string{"x+" + m, "x=+" + m, "a=1&+" + m, "a@b.com+" + m, "电话+" + m, "tel=+" + m, "2+" + m} {
			for _, p := range off {
				e := newEngine(t, p)
				out, fs := e.Redact([]byte(text))
				if ms := ofCategory(fs, detect.CNMobile); len(ms) != 1 || bytes.Contains(out, []byte(m[3:7])) {
					t.Errorf("%v/%v: %q went out as %q: %s", p.Categories, p.Ignore, text, out, describe(text, fs))
				}
			}
			if out, _ := on.Redact([]byte(text)); bytes.Contains(out, []byte(m[3:7])) {
				t.Errorf("default policy: %q went out as %q", text, out)
			}
			if text[0] == '2' || m[1] == '8' {
				continue // a sum's operand is read as the mobile, and +1 8xx may be toll-free: no +1 number
			}
			for _, e := range []*detect.Engine{on, phoneOnly} {
				if fs := e.Find([]byte(text)); len(ofCategory(fs, detect.Phone)) != 1 || len(ofCategory(fs, detect.CNMobile)) != 0 {
					t.Errorf("%q: want the +1 number, got %s", text, describe(text, fs))
				}
			}
		}
		// a standalone '+' is no joiner: +1 381 … is an international
		// number, which this policy does not read
		for _, text := range []string{"+" + m, "call +" + m, "tel:+" + m, "(+" + m + ")"} {
			e := newEngine(t, off[0])
			if out, fs := e.Redact([]byte(text)); len(fs) != 0 || !bytes.Equal(out, []byte(text)) {
				t.Errorf("%q: want nothing, got %q %s", text, out, describe(text, fs))
			}
		}
	}
}
