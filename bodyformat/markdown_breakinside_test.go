package bodyformat

import "testing"

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
	assertMarkdownShapesMasked(t, func(a, b, c string) string {
		return "call " + a + " " + b + "\n" + c + " now"
	}, func(a, b, c string) []string {
		return []string{
			"call " + a + " **" + b + "\n" + c + "** now",
			"call " + a + " _" + b + "\n" + c + "_ now",
			"call " + a + " `" + b + "\n" + c + "` now",
			"call " + a + " [" + b + "\n" + c + "](/x) now",
			"call " + a + "[\n" + b + "\n](/x)" + c + " now",
		}
	})
}
