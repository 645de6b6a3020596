//go:build detectsteps

package bodyformat

import "testing"

// TestAttack39ComplexityMarkdownDelimiterSoup: the Markdown reading
// (pairs and links read again inside each other, maxMarkdownDepth) stays
// linear, but runs of every delimiter it pairs, one after another, cost
// it up to 5.9 steps a byte, over the bound of 4 the other Markdown
// shapes keep (readingLinear, TestComplexityMarkdownLinks): "[**_~~*`"
// repeated takes 770,026 steps for 128 KiB (and decodeFoldedMarkdown
// reads it again). Expected to fail.
func TestAttack39ComplexityMarkdownDelimiterSoup(t *testing.T) {
	for name, unit := range map[string]string{
		"link pairs code":    "[**_~~*`",
		"link pairs target":  "[**_~~*`](",
		"one of each":        "[*_~`",
		"pairs code no link": "*_~~`",
		"nested in link":     "[**_~~`1`~~_**](",
		"brackets and pairs": "*[*_[*_~~[",
	} {
		t.Run(name, func(t *testing.T) {
			readingLinear(t, decodeMarkdown, map[string]string{name: unit})
		})
	}
}
