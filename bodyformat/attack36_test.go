package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack36MarkdownPasses reports whether the middle piece b of a mobile
// still shows, unmasked, on the first line of text read as text/markdown
// or as an LLM's content: the line a renderer shows (shownLine).
func attack36MarkdownPasses(t *testing.T, text, b string) (md, content bool) {
	t.Helper()
	eng := testEngine(t)
	res := mustInspect(t, eng, []byte(text), "text/markdown", "", Redact)
	md = strings.Contains(shownLine(string(res.Body)), b)
	esc := strings.ReplaceAll(strings.ReplaceAll(text, `\`, `\\`), "\n", `\n`)
	js := `{"choices":[{"message":{"role":"assistant","content":"` + esc + `"}}]}`
	res = mustInspect(t, eng, []byte(js), "application/json", "", Redact)
	content = strings.Contains(shownLine(string(res.Body)), b)
	return md, content
}

// TestAttack36MarkdownShapes (attack pass 36): shapes a CommonMark
// renderer (goldmark v1.8.6, checked by hand) shows as one unbroken
// mobile, "147<a href=…>0956</a>6353", that decodeMarkdown leaves with
// its Markdown between the digits, so the mobile passes whole in
// text/markdown and in an LLM's content:
//   - emphasis or a code span inside a link's text ([*1234*](/x),
//     [`1234`](/x)): the link is read and its text copied as written, the
//     pair inside it never read (nested readings are not read again);
//   - four stars (****1234****, <strong><strong>): maxEmphasisRun 3;
//   - a code span with one space inside each end (` 1234 `), which
//     CommonMark strips: pairedRun refuses white space inside a pair;
//   - a '[' or ']' in an inline link's destination ((/x[y), (/x]y)),
//     which CommonMark allows: linkTargetEnd refuses any bracket;
//   - a destination past maxLinkTarget (256) bytes, a label past it (a
//     CommonMark label may hold 999), a label with an escaped bracket
//     ([x\]y]): the link is not read at all;
//   - a link's text or an emphasis padded past maxEmphasisSpan (32) with
//     soft hyphens (U+00AD), which a renderer draws as nothing; the same
//     padding with no Markdown (147 0956<shy…>6353) is masked.
//
// The control, the digits with nothing between, is masked.
func TestAttack36MarkdownShapes(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	a, b, c := m[:3], m[3:7], m[7:]
	shy := strings.Repeat("\u00ad", 17)
	long := strings.Repeat("x", 300)
	label := strings.Repeat("l", 300)
	if md, content := attack36MarkdownPasses(t, "call "+a+b+shy+c+" now", b); md || content {
		t.Fatalf("control with soft hyphens passes: %s%s%s%s", a, b, shy, c)
	}
	for _, tc := range []struct{ name, text string }{
		{"emphasis inside link", "call " + a + "[*" + b + "*](/x)" + c + " now"},
		{"strong inside link", "call " + a + "[**" + b + "**](/x)" + c + " now"},
		{"code span inside link", "call " + a + "[`" + b + "`](/x)" + c + " now"},
		{"four stars", "call " + a + "****" + b + "****" + c + " now"},
		{"code span with spaces", "call " + a + "` " + b + " `" + c + " now"},
		{"double code span with spaces", "call " + a + "`` " + b + " ``" + c + " now"},
		{"open bracket in destination", "call " + a + "[" + b + "](/x[y)" + c + " now"},
		{"close bracket in destination", "call " + a + "[" + b + "](/x]y)" + c + " now"},
		{"long destination", "call " + a + "[" + b + "](/" + long + ")" + c + " now"},
		{"long label", "call " + a + "[" + b + "][" + label + "]" + c + " now\n\n[" + label + "]: /x\n"},
		{"escaped bracket in label", "call " + a + "[" + b + "][x\\]y]" + c + " now\n\n[x\\]y]: /x\n"},
		{"soft hyphens in link text", "call " + a + "[" + b + shy + "](/x)" + c + " now"},
		{"soft hyphens in strong", "call " + a + "**" + b + shy + "**" + c + " now"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md, content := attack36MarkdownPasses(t, tc.text, b)
			if md {
				t.Errorf("text/markdown %q passes", tc.text)
			}
			if content {
				t.Errorf("LLM content %q passes", tc.text)
			}
		})
	}
}
