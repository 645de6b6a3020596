//go:build detectsteps

package bodyformat

import "testing"

// TestAttack39ComplexityMarkdownDelimiterSoup: the Markdown reading
// (pairs and links read again inside each other, maxMarkdownDepth) on
// runs of every delimiter it pairs, one after another ("[**_~~*`"
// repeated): attack pass 39 found it over the bound of 4 steps a byte the
// other readings keep (readingLinear), at up to 5.9. It grows linearly
// (stepsGrowLinearly: 8n bytes cost at most 8.8 times n bytes); each
// byte is looked at from at most maxEmphasisRun runs of a delimiter and
// read again at most maxMarkdownDepth times, so its bound is 8 steps a
// byte (the cost is a residual of issue #8 in docs/threat-model.md).
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
			readingLinearWithin(t, decodeMarkdown, map[string]string{name: unit}, 8)
		})
	}
}
