package detect_test

// Attack pass 28 (attack28): hex-ID exemptions (hexid.go) and a mobile
// after a glued '+' (plusjoin.go). Each row asserts the SECURE
// behaviour; a failing row is a finding (F…), rows marked DEFENDED
// passed when written.

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack28Mobile is a synthetic mobile (1[3-9]x + 8 digits) whose digits
// after a '+' are also a NANP-shaped +1 number (+1 381 234 5678).
func attack28Mobile() string { return "138" + "1234" + "5678" }

// attack28ID is a synthetic ID with its ISO 7064 MOD 11-2 check character.
func attack28ID() string {
	first17 := "11010519900307123"
	return first17 + string(synth.CNIDCheckChar(first17))
}

// TestAttack28PlusJoinedMobileRestrictedPolicy (F11): plusJoined reads a
// mobile after a glued '+' only when its digits are no international
// number; 1[3-9]x + 8 digits after '+' always parse as a +1 NANP number
// (area code 3xx-9xx), so the mobile is never tried and only the phone
// category masks them. An operator who enables only the Chinese
// categories (categories cn_mobile cn_id, or ignore phone) lets them
// through, though a form or query decodes x=+138… to "x= 138…" and a
// reader passes over the joiner (the very cases plusjoin.go was added
// for).
func TestAttack28PlusJoinedMobileRestrictedPolicy(t *testing.T) {
	m := attack28Mobile()
	for _, p := range []detect.Policy{
		{Categories: []detect.Category{detect.CNMobile, detect.CNID}},
		{Ignore: []detect.Category{detect.Phone}},
	} {
		e := newEngine(t, p)
		for _, text := range []string{
			"x+" + m, "x=+" + m, "a@b.com+" + m, "电话+" + m, "tel=+" + m,
		} {
			if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte(m[3:7])) {
				t.Errorf("LEAK F11 %v/%v: %q went out as %q", p.Categories, p.Ignore, text, out)
			}
		}
	}
	// DEFENDED: with every category the phone reading masks them
	e := newEngine(t, detect.Policy{})
	for _, text := range []string{"x+" + m, "x=+" + m, "a@b.com+" + m, "电话+" + m} {
		if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte(m[3:7])) {
			t.Errorf("LEAK default policy: %q went out as %q", text, out)
		}
	}
}

// TestAttack28HexIDSegmentTrunkMobile (F9, low): the engine reads a
// mobile with a trunk '0' before it (call 013812345678 is masked), but
// the same 12 digits as a UUID's last segment are kept whole by the
// hex-ID exemption: a reader (or an LLM asked for phone numbers) picks
// 0138 1234 5678 out of 4a4cd359-0369-4187-8000-013812345678.
// Fixed for a mobile's label before the UUID; without one the UUID is
// kept whole (a trunk mobile is read only behind its label anywhere, and
// a random UUID's last segment reads as one about once in 40,000).
func TestAttack28HexIDSegmentTrunkMobile(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	m := attack28Mobile()
	if out, _ := e.Redact([]byte("call 0" + m)); bytes.Contains(out, []byte("0"+m)) {
		t.Fatalf("baseline changed: %q", out)
	}
	for _, text := range []string{
		"手机 4a4cd359-0369-4187-8000-0" + m,
		"call 4a4cd359-0369-4187-8000-0" + m,
	} {
		if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte("0"+m)) {
			t.Errorf("LEAK F9: %q went out as %q", text, out)
		}
	}
	// no label: the UUID is kept whole, as the bare 0138… is
	for _, text := range []string{"4a4cd359-0369-4187-8000-0" + m, "0" + m} {
		if out, _ := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
			t.Errorf("unlabelled %q became %q", text, out)
		}
	}
}

// TestAttack28AllDecimalUUIDOvermasked (F10, over-masking): a UUID whose
// every character happens to be a decimal digit is no longer kept whole:
// its middle groups are masked as a number and its last segment kept
// (40414359-************-012345678901), a UUID no client can look up.
func TestAttack28AllDecimalUUIDOvermasked(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, text := range []string{
		"40414359-0369-4187-8000-012345678901",
		"id 40414359-0369-4187-8000-012345678901 done",
	} {
		if out, _ := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
			t.Errorf("OVERMASK F10: %q became %q", text, out)
		}
	}
}

// TestAttack28HexIDNeighboursDefended: numbers glued to a hex ID by a
// character that is no '-' (a Unicode dash, '_', '.', '/', ':') or
// after a complete traceparent, B3 or X-Ray shape are read (DEFENDED).
func TestAttack28HexIDNeighboursDefended(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	m, id := attack28Mobile(), attack28ID()
	u := "4a4cd359-0369-4187-8000-0123456789ab"
	tp := "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
	for _, c := range []struct{ text, leak string }{
		{u + "_" + id, id}, {u + "." + id, id}, {u + "/" + m, m}, {u + ":" + m, m},
		{u + "‐" + m, m}, {u + "–" + m, m}, {u + "－" + m, m},
		{m + "_" + u, m}, {m + "‐" + u, m}, {id + "‐" + u, id},
		{tp + "-" + m, m}, {tp + "-" + id, id}, {tp + "‐" + m, m},
		{"b3: 0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1-" + m, m},
		{"b3: 0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-" + m, m},
		{"Root=1-5759e988-bd862e3fe1be46a994272793-" + m, m},
		{u + "-" + m[:3] + "-" + m[3:7] + "-" + m[7:], m[:3] + "-" + m[3:7]},
		{m[:3] + "-" + m[3:7] + "-" + m[7:] + "-" + u, m[:3] + "-" + m[3:7]},
	} {
		if out, fs := e.Redact([]byte(c.text)); len(fs) == 0 || bytes.Contains(out, []byte(c.leak)) {
			t.Errorf("LEAK %q went out as %q", c.text, out)
		}
	}
}
