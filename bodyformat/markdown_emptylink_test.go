package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownEmptyLink (attack pass 35, F7): markdownLink reads a link only when its
// text holds a digit, or it is an image (138![](pixel.gif)12345678 is read
// as nothing). A link with empty text, inline [](/x) or a full reference
// [][1], is a link to CommonMark too, an empty anchor a renderer draws as
// nothing: "call 138[](/x)12345678" shows "call 13812345678" in every
// Markdown renderer and LLM chat client. The reading leaves the brackets
// between the digits and the mobile passes whole, in text/markdown and in
// an LLM's content. The empty image in its place is masked (control).
func TestMarkdownEmptyLink(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b := m[:3], m[3:]
		control := "call " + a + "![](/x)" + b + " now"
		if res := mustInspect(t, eng, []byte(control), "text/markdown", "", Redact); string(res.Body) == control {
			t.Fatalf("control passes: %q", control)
		}
		for _, text := range []string{
			"call " + a + "[](/x)" + b + " now",
			"call " + a + "[](<>)" + b + " now",
			"call " + a + "[][1]" + b + " now\n\n[1]: /x\n",
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
