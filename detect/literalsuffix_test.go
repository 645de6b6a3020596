package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLiteralSuffixEndsNumber: a source-code literal's type suffix glued
// after the number (JavaScript BigInt n, Java L, C ULL, Rust u64, C# m)
// ends the value as a space would (attack54a F1); a longer word glued
// after it (an order number 13812345678abc) still does not.
func TestLiteralSuffixEndsNumber(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	m, id, card := synth.CNMobile(r), synth.CNID18(r), synth.UnionPayCard(r)
	for strings.ContainsRune(id, 'X') {
		id = synth.CNID18(r)
	}
	for _, c := range []struct {
		text, raw string
		cat       detect.Category
	}{
		{"const tel = " + m + "n;\n", m, detect.CNMobile},
		{"const sfz = " + id + "n;\n", id, detect.CNID},
		{"const card = " + card + "n;\n", card, detect.BankCard},
		{"init({tel: " + m + "n, sfz: " + id + "n})", m, detect.CNMobile},
		{"long tel = " + m + "L;", m, detect.CNMobile},
		{"long tel = " + m + "l;", m, detect.CNMobile},
		{"uint64_t card = " + card + "ULL;", card, detect.BankCard},
		{"unsigned long long c = " + card + "llu;", card, detect.BankCard},
		{"let sfz = " + id + "u64;", id, detect.CNID},
		{"let sfz = " + id + "i128;", id, detect.CNID},
		{"let n = " + m + "usize;", m, detect.CNMobile},
		{"decimal tel = " + m + "m;", m, detect.CNMobile},
		{"double tel = " + m + "d;", m, detect.CNMobile},
		{"float tel = " + m + "f32\n", m, detect.CNMobile},
	} {
		out, _ := e.Redact([]byte(c.text))
		if strings.Contains(string(out), c.raw) {
			t.Errorf("%q went out raw: %q", c.text, out)
		}
		if !found(e, c.text, c.cat) {
			t.Errorf("no %v in %q", c.cat, c.text)
		}
	}
	// a longer word, or a suffix glued to another letter or '_', keeps the
	// number inside its token, byte for byte
	for _, text := range []string{
		"order " + m + "abc done",
		"order " + m + "nx done",
		"order " + m + "u64x done",
		"order " + m + "L_1 done",
		"order " + m + "N done",
		"order " + m + "u256 done",
		"order " + m + "d-1 done",
		"id a-" + m + "d done",
		"id 69297461-" + m[:4] + "-" + m[4:8] + "-" + m[8:] + "d-99509472e781",
	} {
		if out, fs := e.Redact([]byte(text)); string(out) != text || len(ofCategory(fs, detect.CNMobile)) != 0 {
			t.Errorf("%q changed: %q", text, out)
		}
	}
}

// TestTagNameNumber: a number in an element's name after one letter
// (<t13812345678>, </t…>) is read as a number (attack54a F1); a longer
// name or a letter after another word keeps it inside its token.
func TestTagNameNumber(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	m := synth.CNMobile(r)
	for _, text := range []string{"<t" + m + ">x</t" + m + ">", "<r><t" + m + "/></r>"} {
		out, _ := e.Redact([]byte(text))
		if strings.Contains(string(out), m) {
			t.Errorf("%q went out raw: %q", text, out)
		}
	}
	for _, text := range []string{"<tr" + m + ">", "a<b" + m + "c>", "x t" + m + " y"} {
		if out, fs := e.Redact([]byte(text)); string(out) != text {
			t.Errorf("%q changed: %q (%s)", text, out, describe(text, fs))
		}
	}
}
