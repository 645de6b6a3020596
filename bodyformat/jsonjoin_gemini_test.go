package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGeminiPartsJoined (attack pass 33, F2/F5, residual b): Gemini's
// generateContent response, candidates[].content.parts[].text, whose
// SDKs' response.text is the text of a candidate's parts joined: a
// mobile cut across two parts of a candidate is masked, as across the
// OpenAI Responses output items; and across the chunks of
// streamGenerateContent, as a JSON array of responses (alt=json) or as
// server-sent events (alt=sse), one part each.
func TestGeminiPartsJoined(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b := m[:3], m[3:]
		chunk := func(s string) string {
			return `{"candidates":[{"content":{"parts":[{"text":"` + s + `"}],"role":"model"},"index":0}]}`
		}
		for _, c := range []struct{ ct, body string }{
			{ctJSON, `{"candidates":[{"content":{"role":"model","parts":[{"text":"call ` + a + `"},{"text":"` + b + ` now"}]},"finishReason":"STOP"}]}`},
			{ctJSON, `[` + chunk("call "+a) + `,` + chunk(b+" now") + `]`},
			{"text/event-stream", "data: " + chunk("call "+a) + "\r\n\r\ndata: " + chunk(b+" now") + "\r\n\r\n"},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if strings.Contains(string(res.Body), `"`+b) || !res.Changed {
				t.Errorf("a mobile across Gemini parts passes: %s", res.Body)
			}
		}
	}
}
