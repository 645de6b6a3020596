package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestSoftBreakWithMarkdown (attack pass 33, residual of F8/F9): emphasis,
// a code span or a link next to a soft break (138*1234*⏎5678,
// **138**⏎12345678, 138⏎[1234][1]5678) is a spaced mobile on a
// renderer's screen: the Markdown reading kept the break and the folded
// one saw a delimiter, not a digit, beside it, and both passed it. A
// Markdown body and an LLM's content are read with their Markdown read
// and their soft breaks folded at once; under every mask the lines stay
// as many, none left empty, and the masked body reads clean again.
func TestSoftBreakWithMarkdown(t *testing.T) {
	eachMaskMarkdown(t, func(m string) []markdownCase {
		a, b, c := m[:3], m[3:7], m[7:]
		var cases []markdownCase
		for _, text := range []string{
			"tel " + a + "*" + b + "*\n" + c + " ok",
			"tel **" + a + "**\n" + b + c + " ok",
			"tel " + a + "\n**" + b + "**" + c + " ok",
			"tel " + a + "`" + b + "`\n" + c + " ok",
			"tel " + a + "[" + b + "](https://e.example/1)\n" + c + " ok",
			"tel " + a + "\n[" + b + "][1]" + c + " ok\n\n[1]: https://e.example/1",
			"> tel " + a + "~~" + b + "~~\n> " + c + " ok",
		} {
			q, _ := json.Marshal(text)
			cases = append(cases, markdownCase{text, "text/markdown"},
				markdownCase{`{"role":"assistant","content":` + string(q) + `}`, "application/json"})
		}
		return cases
	}, func(eng *detect.Engine, mask detect.MaskStyle, m string, c markdownCase, res Result, text, out string) {
		if !hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%v %s: %q passes: %q", mask, c.ct, c.body, res.Body)
			return
		}
		if strings.Count(out, "\n") != strings.Count(text, "\n") || strings.Count(out, "> ") != strings.Count(text, "> ") ||
			strings.Contains(out, "\n\n") != strings.Contains(text, "\n\n") || strings.Contains(out, m[3:7]) {
			t.Errorf("%v %s: %q -> %q", mask, c.ct, text, out)
		}
		assertStable(t, eng, res, c.ct)
	})
}

// TestDecodeFoldedMarkdownMaps: the Markdown reading's delimiters go and
// its soft breaks fold into one space mapped to the break's first blank;
// every other byte keeps its offset in the text.
func TestDecodeFoldedMarkdownMaps(t *testing.T) {
	in := "a 1*3*\n8 [4][r]\n  5 `6`  \n7"
	dec, offs, ok := decodeFoldedMarkdown([]byte(in))
	if !ok || string(dec) != "a 13 8 4 5 6  \n7" {
		t.Fatalf("%q %v", dec, ok)
	}
	for k := range dec {
		if in[offs[k]] != dec[k] && !(dec[k] == ' ' && in[offs[k]] == '\n') {
			t.Errorf("byte %d %q maps to %d %q", k, dec[k], offs[k], in[offs[k]])
		}
	}
	if _, _, ok := decodeFoldedMarkdown([]byte("a 1*3*8\n\n9")); ok {
		t.Errorf("a paragraph break folded")
	}
}
