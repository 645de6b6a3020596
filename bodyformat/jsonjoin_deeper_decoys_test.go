package bodyformat

import (
	"errors"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDeeperJoinsDecoysFirst (attack pass 33, F2/F5 — F2): an array's
// deeper joins are taken in document order, at most maxDeeperJoins pairs
// of keys. An upstream that puts four decoy pairs (members a client
// ignores: {"message":{"text":…}}, {"delta":{"value":…}} …) in the first
// element before the text parts a client joins takes every slot; the
// OpenAI Responses output items (output[i].content[j].text, joined by the
// SDK's output_text) and the Assistants parts (content[].text.value)
// holding a mobile cut in two spill (deeperSpill): the body is refused,
// nothing of the mobile passes. The same body without the decoys is
// masked (the control), and with decoys but no digits in the parts it
// passes unchanged (the bound refuses only what could join).
func TestDeeperJoinsDecoysFirst(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		m := synth.CNMobile(r)
		a, b := m[:3], m[3:]
		for _, body := range []string{
			`{"object":"response","output":[{"type":"message","message":{"text":"x"},"delta":{"text":"x"},"answer":{"text":"x"},"response":{"text":"x"},"content":[{"type":"output_text","text":"call ` + a + `"}]},{"type":"message","content":[{"type":"output_text","text":"` + b + ` now"}]}]}`,
			`{"object":"thread.message","content":[{"type":"image_file","message":{"value":"x"},"delta":{"value":"x"},"answer":{"value":"x"},"response":{"value":"x"}},{"type":"text","text":{"value":"call ` + a + `"}},{"type":"text","text":{"value":"` + b + ` now"}}]}`,
		} {
			// the control: the same body without the decoys is masked
			plain := body
			for _, d := range []string{`"message":{"text":"x"},"delta":{"text":"x"},"answer":{"text":"x"},"response":{"text":"x"},`, `,"message":{"value":"x"},"delta":{"value":"x"},"answer":{"value":"x"},"response":{"value":"x"}`} {
				plain = strings.Replace(plain, d, "", 1)
			}
			if res := mustInspect(t, eng, []byte(plain), "application/json", "", Redact); strings.Contains(string(res.Body), `"`+b) {
				t.Fatalf("control passes: %s", res.Body)
			}
			res, err := Inspect(eng, []byte(body), "application/json", "", Redact, Limits{})
			switch {
			case err == nil && strings.Contains(string(res.Body), `"`+b):
				t.Errorf("a mobile across text parts passes behind decoy pairs:\n%s", res.Body)
			case err != nil && !errors.Is(err, errDeeperJoins):
				t.Errorf("refused for another reason: %v", err)
			}
			// no digits in the spilled parts: nothing to refuse
			clean := strings.NewReplacer(a, "hi", b, "there").Replace(body)
			if res := mustInspect(t, eng, []byte(clean), "application/json", "", Redact); res.Changed {
				t.Errorf("a clean body behind decoys is changed: %s", res.Body)
			}
		}
	}
}
