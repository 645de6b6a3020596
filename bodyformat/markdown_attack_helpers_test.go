package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// assertMarkdownShapesMasked is the Markdown attack loop: for three
// synthetic mobiles split 3, 4, 4 (a, b, c) the control shape must be
// masked as text/markdown, and every shape must go out changed both as
// text/markdown and as an LLM's content (quotes and line breaks escaped
// in the JSON string).
func assertMarkdownShapesMasked(t *testing.T, control func(a, b, c string) string, shapes func(a, b, c string) []string) {
	t.Helper()
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		ctl := control(a, b, c)
		if res := mustInspect(t, eng, []byte(ctl), "text/markdown", "", Redact); string(res.Body) == ctl {
			t.Fatalf("control passes: %q", ctl)
		}
		for _, text := range shapes(a, b, c) {
			if res := mustInspect(t, eng, []byte(text), "text/markdown", "", Redact); string(res.Body) == text {
				t.Errorf("text/markdown %q passes", text)
			}
			js := `{"choices":[{"message":{"role":"assistant","content":"` + strings.ReplaceAll(strings.ReplaceAll(text, `"`, `\"`), "\n", `\n`) + `"}}]}`
			if res := mustInspect(t, eng, []byte(js), "application/json", "", Redact); string(res.Body) == js {
				t.Errorf("content %q passes", text)
			}
		}
	}
}

// markdownCase is a body holding Markdown: text/markdown itself, or an
// application/json document whose "content" member holds it.
type markdownCase struct{ body, ct string }

// eachMaskMarkdown inspects the cases built around a synthetic mobile
// under the partial, label and hash masks (one mobile a mask) and hands
// check the Markdown sent and as it went out (a JSON body's content).
func eachMaskMarkdown(t *testing.T, cases func(m string) []markdownCase, check func(eng *detect.Engine, mask detect.MaskStyle, m string, c markdownCase, res Result, in, out string)) {
	t.Helper()
	r := rng(t.Name())
	for _, mask := range []detect.MaskStyle{detect.MaskPartial, detect.MaskLabel, detect.MaskHash} {
		eng := detect.MustCompile(detect.Policy{FingerprintKey: testKey, Mask: mask})
		m := synth.CNMobile(r)
		for _, c := range cases(m) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			in, out := c.body, string(res.Body)
			if c.ct == "application/json" {
				var v, w struct{ Content string }
				if json.Unmarshal([]byte(in), &v) != nil || json.Unmarshal(res.Body, &w) != nil {
					t.Fatalf("invalid JSON: %s", res.Body)
				}
				in, out = v.Content, w.Content
			}
			check(eng, mask, m, c, res, in, out)
		}
	}
}
