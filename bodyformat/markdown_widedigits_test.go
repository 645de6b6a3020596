package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// chineseNumerals spells ASCII digits as Chinese numerals (〇一…九).
func chineseNumerals(s string) string {
	cn := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(cn[c-'0'])
	}
	return b.String()
}

// shownLine returns body up to its first line break, raw or escaped in a
// JSON string: the text a renderer shows, not a reference definition's
// line ([１２３４]: /x), which it shows nothing of.
func shownLine(body string) string {
	if k := strings.Index(body, "\n"); k >= 0 {
		body = body[:k]
	}
	if k := strings.Index(body, `\n`); k >= 0 {
		body = body[:k]
	}
	return body
}

// TestMarkdownWideDigits (attack pass 35, F3): the Markdown reading takes a link's
// text (markdownLink: inline, full, collapsed, shortcut) or an emphasis /
// code span's only where it holds an ASCII digit (b >= '0' && b <= '9'),
// though every other reading takes full-width digits, Chinese numerals
// and circled digits as digits. A mobile spelled so with its middle in a
// link or between delimiters, １３８[１２３４](/x)５６７８, passes whole in
// a text/markdown body and in an LLM's content: a CommonMark renderer (a
// chat client) shows １３８１２３４５６７８, a mobile a reader and a model
// read. The control (the same digits with no Markdown between) is masked.
// Only the line shown is looked at: a definition's label ([１２３４]: /x)
// is no text a renderer shows, and stays, as with ASCII digits.
func TestMarkdownWideDigits(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for sname, sp := range map[string]func(string) string{"full-width": fullWidth, "chinese": chineseNumerals, "circled": circled} {
			a, b, c := sp(m[:3]), sp(m[3:7]), sp(m[7:])
			if res := mustInspect(t, eng, []byte("call "+a+b+c+" now"), "text/markdown", "", Redact); strings.Contains(string(res.Body), b) {
				t.Fatalf("control %s passes: %s", sname, res.Body)
			}
			for _, text := range []string{
				"call " + a + "[" + b + "](/x)" + c + " now",
				"call " + a + "[" + b + "][1]" + c + " now\n\n[1]: /x\n",
				"call " + a + "[" + b + "][]" + c + " now\n\n[" + b + "]: /x\n",
				"call " + a + "[" + b + "]" + c + " now\n\n[" + b + "]: /x\n",
				"call " + a + "**" + b + "**" + c + " now",
				"call " + a + "`" + b + "`" + c + " now",
			} {
				res := mustInspect(t, eng, []byte(text), "text/markdown", "", Redact)
				if strings.Contains(shownLine(string(res.Body)), b) {
					t.Errorf("%s: %q passes", sname, text)
				}
				js := `{"choices":[{"message":{"role":"assistant","content":"` + strings.ReplaceAll(text, "\n", `\n`) + `"}}]}`
				res = mustInspect(t, eng, []byte(js), "application/json", "", Redact)
				if strings.Contains(shownLine(string(res.Body)), b) {
					t.Errorf("%s in content: %q passes", sname, text)
				}
			}
		}
	}
}
