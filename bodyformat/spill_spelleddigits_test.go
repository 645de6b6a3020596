package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// circled spells ASCII digits as circled digits (①…⑨, ⓪), which the
// engine reads as digits (detect's symbolDigit), as a model or a reader
// does.
func circled(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c == '0' {
			b.WriteRune('⓪')
		} else {
			b.WriteRune(0x2460 + c - '1')
		}
	}
	return b.String()
}

// TestSpillSpelledDigits (attack pass 35, F1, F2): the refusals that
// stand in for a join no walk reads (deeperSpill, errDeeperJoins behind
// four decoy pairs; deepJoinable for a phone record serialised in a string
// at the depth limit) counted digits with isDigitRune (ASCII, Nd of every
// script, CJK numerals), but the engine reads more as digits: circled ①,
// superscript ¹, Suzhou 〡, Roman Ⅰ (detect's symbolDigit), and tag digits
// (an object's join reads its tag view). Spelled so, a mobile cut over the
// text parts or the record passed whole: the OpenAI SDK's output_text (or
// a Python client json.loads-ing the record and joining its parts) shows
// it, and an LLM or a reader reads it as the number. The controls, the
// same bodies without decoys / at a walked depth, are masked.
func TestSpillSpelledDigits(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	const decoys = `"message":{"text":"x"},"delta":{"text":"x"},"answer":{"text":"x"},"response":{"text":"x"},`
	for spelling, spell := range map[string]func(string) string{"circled": circled, "tag": tagSpelled} {
		for range 3 {
			m := synth.CNMobile(r)
			a, b := spell(m[:3]), spell(m[3:])
			spill := func(d string) string {
				return `{"object":"response","output":[{"type":"message",` + d + `"content":[{"type":"output_text","text":"call ` + a + `"}]},{"type":"message","content":[{"type":"output_text","text":"` + b + ` now"}]}]}`
			}
			inner, _ := json.Marshal(`{"phone":{"a":"` + a + `","b":"` + b + `"}}`)
			deep := func(d int) string {
				return strings.Repeat(`{"a":`, d) + string(inner) + strings.Repeat(`}`, d)
			}
			// controls: read by a join, the spelled mobile is masked
			for _, body := range []string{spill(""), deep(10)} {
				if res := mustInspect(t, eng, []byte(body), "application/json", "", Redact); strings.Contains(string(res.Body), b) {
					t.Fatalf("%s control passes: %s", spelling, res.Body)
				}
			}
			for name, body := range map[string]string{"spilled parts": spill(decoys), "depth limit": deep(DefaultMaxDepth), "past depth limit": deep(DefaultMaxDepth + 40)} {
				res, err := Inspect(eng, []byte(body), "application/json", "", Redact, Limits{})
				if err == nil && strings.Contains(string(res.Body), b) {
					t.Errorf("%s: a %s mobile cut in two passes the digit-count refusal", name, spelling)
				}
			}
		}
	}
}
