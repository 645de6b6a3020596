package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestSpillTagDigits (attack pass 35, F2): tag digits are digits to an array's joins
// (attack pass 33 F3/F6: the object's join reads its tag view), so a
// mobile in tag digits cut over two Responses text parts is masked. Behind
// four decoy pairs the parts spill instead, and the spill's refusal
// (deeperSpill.add → digitRuns → isDigitRune) counts no tag digit; the
// same for a phone record serialised in a string at the depth limit
// (deepJoinable). The mobile passes whole: the SDK's output_text holds
// its 11 tag digits, which an LLM reading the text reads as 138….
func TestSpillTagDigits(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	const decoys = `"message":{"text":"x"},"delta":{"text":"x"},"answer":{"text":"x"},"response":{"text":"x"},`
	for range 3 {
		m := synth.CNMobile(r)
		a, b := tagSpelled(m[:3]), tagSpelled(m[3:])
		spill := func(d string) string {
			return `{"object":"response","output":[{"type":"message",` + d + `"content":[{"type":"output_text","text":"call ` + a + `"}]},{"type":"message","content":[{"type":"output_text","text":"` + b + ` now"}]}]}`
		}
		inner, _ := json.Marshal(`{"phone":{"a":"` + a + `","b":"` + b + `"}}`)
		deep := func(d int) string {
			return strings.Repeat(`{"a":`, d) + string(inner) + strings.Repeat(`}`, d)
		}
		for _, body := range []string{spill(""), deep(10)} {
			if res := mustInspect(t, eng, []byte(body), "application/json", "", Redact); strings.Contains(string(res.Body), b) {
				t.Fatalf("control passes: %s", res.Body)
			}
		}
		for name, body := range map[string]string{"spilled parts": spill(decoys), "depth limit": deep(DefaultMaxDepth), "past depth limit": deep(DefaultMaxDepth + 40)} {
			res, err := Inspect(eng, []byte(body), "application/json", "", Redact, Limits{})
			if err == nil && strings.Contains(string(res.Body), b) {
				t.Errorf("%s: a tag-spelled mobile cut in two passes the digit-count refusal", name)
			}
		}
	}
}
