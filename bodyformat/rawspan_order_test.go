package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCarriageReturnOverLabelRun: a terminal draws what follows a
// carriage return over the line before it, so the reading of
// `卡号…卡号\r<ID>` shows the ID and then the rest of the line it was
// drawn over. The ID's span in that reading is in order, but the byte
// shown after it came from before it: rawSpan gave a span ending before
// it started and foldMasks sliced the text with it, a panic that ended
// Caddy's process when the binary screen read the body on
// reverse_proxy's goroutine (attack pass 43, F1).
func TestCarriageReturnOverLabelRun(t *testing.T) {
	r := rng("carriage return over a label run")
	id, mobile := synth.CNID18(r), synth.CNMobile(r)
	for _, c := range []struct{ ct, body, raw string }{
		{"text/plain", strings.Repeat("卡号", 10) + "\r" + id, id},
		{"text/plain", strings.Repeat("卡号", 51) + "\r" + id, id},
		{"", "x=" + strings.Repeat("卡号", 10) + "\r" + id, id},
		{"text/csv", strings.Repeat("手机", 10) + "\r" + mobile, mobile},
		{"text/markdown", strings.Repeat("手机", 10) + "\r" + mobile, mobile},
		{"application/yaml", strings.Repeat("手机", 10) + "\r" + mobile, mobile},
		{"application/x-www-form-urlencoded", "x=" + strings.Repeat("手机", 10) + "\r" + mobile, mobile},
		{"application/json", `{"x":"` + strings.Repeat(`\u5361\u53f7`, 10) + `\r` + id + `"}`, id},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil || strings.Contains(string(res.Body), c.raw) {
			t.Errorf("%q: %v, %q", c.ct, err, res.Body)
		}
	}
}

// TestRawSpanNeverInverted: whatever order a reading's offsets are in,
// rawSpan maps every range to a span of raw that starts before it ends
// and lies within raw, holding the byte each of its bytes came from.
func TestRawSpanNeverInverted(t *testing.T) {
	r := rng("raw span order")
	for range 2000 {
		n := 1 + r.IntN(24)
		offs := make([]int32, n+1)
		for i := range n {
			offs[i] = int32(r.IntN(n))
		}
		offs[n] = int32(n)
		start := r.IntN(n)
		end := start + 1 + r.IntN(n-start)
		s, e := rawSpan(offs, start, end)
		if s < 0 || e > n || s >= e {
			t.Fatalf("offs %v [%d,%d): span [%d,%d)", offs, start, end, s, e)
		}
		for _, o := range offs[start:end] {
			if int(o) < s || int(o) >= e {
				t.Fatalf("offs %v [%d,%d): span [%d,%d) leaves out %d", offs, start, end, s, e, o)
			}
		}
	}
}
