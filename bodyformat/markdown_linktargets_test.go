package bodyformat

import "testing"

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
	assertMarkdownShapesMasked(t, func(a, b, c string) string {
		return "call " + a + "[" + b + "](/x)" + c + " now"
	}, func(a, b, c string) []string {
		return []string{
			"call " + a + "[" + b + "](/wiki/X_(y))" + c + " now",
			"call " + a + "[" + b + "](/x \"(t)\")" + c + " now",
			"call " + a + "[" + b + "](/x\n\"t\")" + c + " now",
			"call " + a + "[" + b + "][a\nb]" + c + " now\n\n[a b]: /x\n",
		}
	})
}
