package detect_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGroupSetApartFromToken: a group of digits set apart by '-', '.' or
// '/' from the word or token glued to it is the number a reader sees
// (ab1-18668066128, abc-18668066128, 18668066128-1ab): a mobile, an ID or
// a card there is masked, whatever glues the token's own digits.
func TestGroupSetApartFromToken(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for range 5 {
		m, id, card := synth.CNMobile(r), synth.CNID18(r), synth.UnionPayCard(r)
		for _, v := range []string{m, id, card} {
			for _, text := range []string{
				"a-" + v, "ab-" + v, "abc-" + v, "abc_" + v, "ab1-" + v, "ab12-" + v, "SKU1-" + v,
				"ab1." + v, "ab1/" + v + " x", "tel ab1-" + v, "x1-" + v + "-", "ref=deadbeef-" + v,
				v + "-abc", v + "-ab1", v + "-1ab", v + "_abc",
			} {
				if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte(v)) {
					t.Errorf("%q went out as %q", text, out)
				}
			}
		}
		// a mobile spelled in groups after a token
		spelled := m[:3] + "-" + m[3:7] + "-" + m[7:]
		for _, text := range []string{"ab1-" + spelled, spelled + "-1ab"} {
			if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte(m[7:])) {
				t.Errorf("%q went out as %q", text, out)
			}
		}
	}
}

// TestHexIDsKeptWhole: the hex identifiers whose segments may be all
// digits (UUID, W3C traceparent, AWS X-Ray, B3) and a date whose time
// follows it are no numbers: they go out byte for byte, even when a
// segment's digits would pass for a card or a landline.
func TestHexIDsKeptWhole(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for range 20 {
		card := synth.UnionPayCard(r)[:16] // 16 digits, a span ID's length
		trace := synth.TraceID(r)
		uuid := synth.UUID(r)
		for _, text := range []string{
			"request 4a4cd359-0755-4123-8123-123456789012 done", // 0755-4123-8123 alone is a landline
			"设备ID：" + uuid[:9] + "0755-4123-8123-" + uuid[24:], "编号" + uuid[:9] + "0755-4123-8123-" + uuid[24:],
			"req-" + uuid[:9] + "0755-4123-8123-" + uuid[24:],
			"traceparent: 00-" + trace + "-" + card + "-01",
			"X-Amzn-Trace-Id: Root=1-5759e988-" + strings.Repeat("0", 8) + card,
			"b3: " + trace + "-" + card + "-1",
			"b3: " + trace[:16] + "-" + card + "-1-" + trace[16:],
			"amount=USD 93,010.74\n2025-02-24T09:06:30Z INFO",
			"web-5797544966-x2x4z", "pod api-7d4b9c8f6-abcde restarted",
			"libfoo-1.2.3 and v2.10.4-rc.1",
		} {
			in := []byte(text)
			if out, _ := e.Redact(in); !bytes.Equal(out, in) {
				t.Errorf("%q became %q", text, out)
			}
		}
	}
}

// TestGroupPastHexIDRead: a number joined by '-', '.' or '/' after (or
// before) a complete UUID, traceparent, B3 or X-Ray shape is no segment
// of it, and a date-time keeps only its date's groups (4-2-2 before the
// 'T'): the number is read (attack26 F1, F2). A B3 parent span of 16
// digits stays the identifier's (threat model), so a card there is not
// asserted.
func TestGroupPastHexIDRead(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	m, id := synth.CNMobile(r), synth.CNID18(r)
	card16 := ""
	for len(card16) != 16 {
		card16 = synth.UnionPayCard(r)
	}
	trace := synth.TraceID(r)
	trace = trace[:31] + "a"
	for _, v := range []string{m, id, card16} {
		rows := []string{
			"4a4cd359-0369-4187-8000-123456789012-" + v,
			"4a4cd359-0369-4187-8000-123456789012." + v,
			"4a4cd359-0369-4187-8000-123456789012/" + v,
			"req x-4a4cd359-0369-4187-8000-123456789012-" + v,
			"00-" + trace + "-1234567890123456-01-" + v,
			"1-5759e988-123456789012345678901234-" + v,
			v + "/2025T1", v + ".1T1", v + "-1T1", "ab1-" + v + "-1T1", "tel:" + v + "-0t0",
			v + "-12345678-0369-4187-8000-abcdef123456",
			v + "-2025-02-24T09:06:30Z", "tel " + v + "-2025-02-24T09:06:30Z",
		}
		if v != card16 {
			rows = append(rows, "b3: 0123456789abcdef0123456789abcdef-1234567890123456-1-"+v,
				"b3: 0123456789abcdef-1234567890123456-1-"+v)
		}
		for _, text := range rows {
			if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte(v)) {
				t.Errorf("%q (%d digits) went out as %q", text, len(v), out)
			}
		}
	}
	// the identifier's and the date's own groups are kept
	for _, text := range []string{
		"4a4cd359-0755-4123-8123-123456789012-" + m,
		"2025-02-24T09:06:30Z " + m,
	} {
		out, _ := e.Redact([]byte(text))
		if keep := text[:len(text)-len(m)-1]; !bytes.HasPrefix(out, []byte(keep)) || bytes.Contains(out, []byte(m)) {
			t.Errorf("%q went out as %q", text, out)
		}
	}
}

// TestUUIDGluedKeptWhole: a UUID glued to a word by '_' or a letter (a
// file name, a key) is still a UUID: it goes out byte for byte, and a
// mobile glued after it by '_' is read without its groups (attack26 F3).
func TestUUIDGluedKeptWhole(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, text := range []string{
		"file_4a4cd359-0755-4123-8123-123456789012.json",
		"upload_4a4cd359-0755-4123-8123-123456789012",
		"4a4cd359-0755-4123-8123-123456789012_v2",
		"4a4cd359-0755-4123-8123-123456789012x",
		"user_4a4cd359-0755-4123-8123-123456789012.png",
		"4A4CD359-0755-4123-8123-123456789012",
		"4a4cd359-0755-4123-8123-123456789012.v2",
		"id=4a4cd359-0755-4123-8123-123456789012&x=1",
	} {
		in := []byte(text)
		if out, _ := e.Redact(in); !bytes.Equal(out, in) {
			t.Errorf("%q became %q", text, out)
		}
	}
	m := synth.CNMobile(seeded(seedOf(t.Name())))
	const u = "4a4cd359-0755-4123-8123-123456789012"
	text := u + "_" + m
	out, _ := e.Redact([]byte(text))
	if !bytes.HasPrefix(out, []byte(u+"_")) || bytes.Contains(out, []byte(m)) {
		t.Errorf("%q went out as %q", text, out)
	}
}
