package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownBreakInsideDelimiters (attack pass 35, F4): decodeFoldedMarkdown reads
// a text's Markdown first (decodeMarkdown: a pair of delimiters, or a
// link's text, with no line break between) and folds its soft breaks
// after, so a soft break beside a delimiter is joined (138*1234*⏎5678),
// but one inside a pair or a link's text is not: the pair is left in, and
// the folded text holds "**3420 7726**". CommonMark lets emphasis, code
// spans and link text hold soft breaks (a code span's line ending is a
// space): every renderer (an LLM chat client, a README) shows
// "call 138 1234 5678", a spaced mobile the same text on one line is
// masked as. In text/markdown and in an LLM's content the mobile passes
// whole. The control, the same spacing with no delimiters, is masked.
func TestMarkdownBreakInsideDelimiters(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		control := "call " + a + " " + b + "\n" + c + " now"
		if res := mustInspect(t, eng, []byte(control), "text/markdown", "", Redact); string(res.Body) == control {
			t.Fatalf("control passes: %q", control)
		}
		for _, text := range []string{
			"call " + a + " **" + b + "\n" + c + "** now",
			"call " + a + " _" + b + "\n" + c + "_ now",
			"call " + a + " `" + b + "\n" + c + "` now",
			"call " + a + " [" + b + "\n" + c + "](/x) now",
			"call " + a + "[\n" + b + "\n](/x)" + c + " now",
		} {
			if res := mustInspect(t, eng, []byte(text), "text/markdown", "", Redact); string(res.Body) == text {
				t.Errorf("text/markdown %q passes", text)
			}
			js := `{"choices":[{"message":{"role":"assistant","content":"` + strings.ReplaceAll(text, "\n", `\n`) + `"}}]}`
			if res := mustInspect(t, eng, []byte(js), "application/json", "", Redact); string(res.Body) == js {
				t.Errorf("content %q passes", text)
			}
		}
	}
}
