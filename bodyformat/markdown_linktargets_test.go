package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownLinkTargets (attack pass 35, F5): markdownLink reads a link only when
// its target or label holds no bracket, parenthesis or line break, but
// CommonMark (and every renderer after it: markdown-it, marked, GitHub,
// LLM chat clients) takes as links: a destination with balanced
// parentheses (/x(y)), a title holding parentheses ("(t)"), a title on
// the next line (the spec allows one line ending between destination and
// title), and a full reference whose label spans a line ([a⏎b], matched
// to [a b]: /x as labels collapse white space). Each renders 138[1234]…5678
// as 13812345678; the reading leaves the brackets in and the mobile
// passes whole, in text/markdown and in an LLM's content. The plain
// inline link is masked (control).
func TestMarkdownLinkTargets(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		control := "call " + a + "[" + b + "](/x)" + c + " now"
		if res := mustInspect(t, eng, []byte(control), "text/markdown", "", Redact); string(res.Body) == control {
			t.Fatalf("control passes: %q", control)
		}
		for _, text := range []string{
			"call " + a + "[" + b + "](/wiki/X_(y))" + c + " now",
			"call " + a + "[" + b + "](/x \"(t)\")" + c + " now",
			"call " + a + "[" + b + "](/x\n\"t\")" + c + " now",
			"call " + a + "[" + b + "][a\nb]" + c + " now\n\n[a b]: /x\n",
		} {
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
