package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFoldMaskKeepsQuoteMarkers (attack pass 33, F9): a mobile over a
// Markdown blockquote's lines ("> call 138⏎> 1234⏎> 5678 ok") is read
// joined (soft breaks) and, under a partial mask, starred in place, the
// quote's markers kept (the control). A label or hash mask cannot be
// spread: it was written where the value starts, followed by the breaks
// and the blanks about them only, so the "> " that opened the value's
// later lines were dropped (the quote ended after its first line and the
// text after the value left it) and in any paragraph the lines the value
// spanned were left empty, paragraph breaks to a renderer ("call
// [CN_MOBILE]⏎⏎ ok"). Every line of the quote must still open with its
// marker, and no blank line may be made.
func TestFoldMaskKeepsQuoteMarkers(t *testing.T) {
	eachMaskMarkdown(t, func(m string) []markdownCase {
		return []markdownCase{
			{"> call " + m[:3] + "\n> " + m[3:7] + "\n> " + m[7:] + " ok\n> more\n", "text/markdown"},
			{"call " + m[:3] + "\n" + m[3:7] + "\n" + m[7:] + " ok\n", "text/markdown"},
			{`{"content":"> call ` + m[:3] + `\n> ` + m[3:7] + `\n> ` + m[7:] + ` ok\n> more"}`, "application/json"},
		}
	}, func(_ *detect.Engine, mask detect.MaskStyle, _ string, c markdownCase, res Result, in, out string) {
		if !res.Changed {
			t.Fatalf("%v: %q passes", mask, c.body)
		}
		if strings.Count(out, "> ") != strings.Count(in, "> ") || strings.Contains(out, "\n ok") || strings.Contains(out, "\n\n") {
			t.Errorf("%v %s: the quote's lines lost their markers: %q -> %q", mask, c.ct, c.body, out)
		}
	})
}
