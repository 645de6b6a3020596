//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// TestComplexityMarkdownLinks checks that the Markdown reading looks at
// each byte a bounded number of times however its links are laid out
// (attack pass 33, F8): reference links, collapsed and shortcut ones,
// labels that never close, texts that open a link again, many
// definitions, and shortcut links over a text that defines none (the
// definitions gathered once, not per link); and so does its fold
// (decodeFoldedMarkdown).
func TestComplexityMarkdownLinks(t *testing.T) {
	shapes := map[string]string{
		"full":          "1[2][3]",
		"collapsed":     "1[2][]",
		"shortcut":      "1[2]",
		"open labels":   "1[2][3",
		"bracket runs":  "[1[2[3]",
		"defined":       "[1]: /x\n1[1]",
		"definitions":   "[12]: /x\n",
		"images":        "![a][",
		"open targets":  "[1](x",
		"soft breaks":   "1*2*\n[3][4]\n",
		"quoted lines":  "> [1]:\n",
		"long labels":   "[1][aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"long text ref": "[1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]",
		// attack pass 35: what the reading reads now
		"nested targets": "[1](((((((((((",
		"open titles":    "[1](x \"(",
		"broken targets": "[1](x\n",
		"broken texts":   "[1\n",
		"broken pairs":   "*1\n_2\n`3\n",
		"blank runs":     "*1\n                                                  ",
		"underscores":    "_1_a_",
		"empty links":    "[](",
		"list defs":      "> - 1. [1]: /x\n[1]",
		"list numbers":   "1234567890",
		// digits outside ASCII (wideDigitAt, attack pass 35, F3): each
		// character decoded once a look
		"wide full":     "１[２][３]",
		"wide shortcut": "[①]: /x\n一[①]",
		"wide emphasis": "①**②**`③`",
		"wide open":     "[①②③④⑤⑥⑦⑧⑨①②③",
		// attack pass 36: pairs and links read again inside each other
		// (maxMarkdownDepth), targets of any length and with brackets read
		// once for the whole text (linkTargets), spans measured without
		// soft hyphens, runs of four stars, spaced code spans
		"nested reads":    "[*_1_*](/x)**[`1`](/x)**",
		"deep nests":      "*_**__***1***__**_*",
		"bracket targets": "[1](x[",
		"closed brackets": "[1](x[1](y)",
		"long targets":    "[1](/" + strings.Repeat("x", 300) + ")",
		"title targets":   "[1](x \"[1](y \"",
		"angle targets":   "[1](<x [1](<y",
		"escaped labels":  "[1][x\\]",
		"soft hyphens":    "*1\u00ad\u00ad\u00ad[1\u00ad\u00ad\u00ad",
		"star runs":       "****1****2",
		"inner pairs":     "***a**b*1*",
		"inner nests":     "***_**_*1*_",
		"spaced code":     "` 1 `` 2 ",
	}
	readingLinear(t, decodeMarkdown, shapes)
	readingLinear(t, decodeFoldedMarkdown, shapes)
}
