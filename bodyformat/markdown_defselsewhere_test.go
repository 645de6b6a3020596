package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownShortcutDefinedElsewhere (issue #9): a shortcut reference
// link (138[1234]5678) was read as its text only where the piece read
// defines its label. A renderer draws the whole conversation or the whole
// streamed reply: a definition in another content string of the document
// or in a later event of a stream ([1234]: /x) makes it a link, shown
// 13812345678, while the piece holding the link went out whole. A shortcut
// link a digit stands beside is now read as its text wherever its label is
// defined, as a full or collapsed one is (fail closed); so is one whose
// label runs over a line ([138⏎1234]5678, defined as [138⏎1234]: /x, a
// label CommonMark matches with its white space collapsed).
func TestMarkdownShortcutDefinedElsewhere(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		for _, tc := range []struct{ link, def string }{
			{"call " + a + "[" + b + "]" + c + " now", "[" + b + "]: /x"},
			{"call [" + a + "\n" + b + "]" + c + " now", "[" + a + "\n" + b + "]: /x"},
		} {
			esc := func(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }
			// a conversation: the definition in another message
			js := `{"messages":[{"role":"assistant","content":"` + esc(tc.link) + `"},{"role":"assistant","content":"` + esc(tc.def) + `"}]}`
			if res := mustInspect(t, eng, []byte(js), "application/json", "", Redact); strings.Contains(strings.Split(string(res.Body), `"},{`)[0], b) {
				t.Errorf("conversation %q passes: %s", tc.link, res.Body)
			}
			// a streamed reply: the definition in a later event
			out, _ := streamThrough(t, StreamEvents, Redact, deltas(tc.link, "\n\n"+tc.def)...)
			if first, _, _ := strings.Cut(out, "\n\n"); strings.Contains(first, b) {
				t.Errorf("streamed %q passes: %s", tc.link, out)
			}
			// the link alone in a Markdown body, its definition in the next
			if res := mustInspect(t, eng, []byte(tc.link+"\n"), "text/markdown", "", Redact); strings.Contains(string(res.Body), b) {
				t.Errorf("text/markdown %q passes: %s", tc.link, res.Body)
			}
		}
	}
}
