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
