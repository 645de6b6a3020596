package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownDefsInLists (attack pass 35, F6): a shortcut reference link (138[1234]5678)
// is read as its text only where the text defines its label, and
// gatherLinkDefs takes a definition only on a line opening, after blanks
// and '>', with "[label]:". CommonMark lets a link reference definition
// stand in any container block, a list item too ("- [1234]: /x",
// "1. [1234]: /x"), and its label names links anywhere in the document:
// a renderer draws nothing of the list item's definition and shows
// 13812345678 on the text's line. The mobile passes whole in
// text/markdown and in an LLM's content. The same definition at the
// line's start is masked (control).
func TestMarkdownDefsInLists(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		control := "call " + a + "[" + b + "]" + c + " now\n\n[" + b + "]: /x\n"
		if res := mustInspect(t, eng, []byte(control), "text/markdown", "", Redact); string(res.Body) == control {
			t.Fatalf("control passes: %q", control)
		}
		for _, item := range []string{"- ", "* ", "1. ", "> - "} {
			text := "call " + a + "[" + b + "]" + c + " now\n\n" + item + "[" + b + "]: /x\n"
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
