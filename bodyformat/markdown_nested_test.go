package bodyformat

import (
	"strings"
	"testing"
)

// TestDecodeMarkdownAsRendered (attack pass 36): the reading shows what
// a CommonMark renderer (goldmark) shows: pairs and code spans inside a
// link's text and links inside a pair read again, runs of four stars,
// a code span's one space at each end taken out, targets with brackets,
// a soft break or angle brackets and of any length, labels with an
// escaped bracket, spans measured without soft hyphens; a label past
// maxLinkLabel leaves its text read (fail closed). Every byte read keeps
// its offset.
func TestDecodeMarkdownAsRendered(t *testing.T) {
	shy := strings.Repeat("\u00ad", 20)
	label := strings.Repeat("l", maxLinkLabel+1)
	for _, c := range []struct{ in, want string }{
		{"a[*1*](/x)b", "a1b"},
		{"a[**1**](/x)b", "a1b"},
		{"a[`1`](/x)b", "a1b"},
		{"a **[1](/x)** b", "a 1 b"},
		{"a[**_~~1~~_**](/x)b", "a1b"},
		{"a[**_*1*_**](/x)b", "a1b"},  // a shorter pair of one character inside
		{"a **1*x** b", "a **1x** b"}, // a lone shorter run pairs nothing (a star in a token goes)
		{"a****1****b", "a1b"},
		{"京A****5京A****5", ""},  // a run of four pairs over no letter: masks
		{"a______1______b", ""}, // '_' inside a word opens nothing
		{"a ______1______ b", "a 1 b"},
		{"a` 1 `b", "a1b"},
		{"a`` 1 ``b", "a1b"},
		{"a` 1`b", "a 1b"}, // one end only: kept
		{"a[` 1 `](/x)b", "a1b"},
		{"a[1](/x[y)b", "a1b"},
		{"a[1](/x]y)b", "a1b"},
		{"a[1](\n/x\n)b", "a1b"},
		{"a[1](<x y>)b", "a1b"},
		{"a[1](/" + strings.Repeat("x", 300) + ")b", "a1b"},
		{"a[1](/" + strings.Repeat("x", 300) + " \"t\")b", "a1b"},
		{"a[1](/x y)b", ""}, // no title: not a link
		{"a[1][x\\]y]b", "a1b"},
		{"a[1][" + label + "]b", "a1[" + label + "]b"},
		{"a[1" + shy + "](/x)b", "a1" + shy + "b"},
		{"a**1" + shy + "**b", "a1" + shy + "b"},
	} {
		dec, offs, ok := decodeMarkdown([]byte(c.in))
		if got := string(dec); ok != (c.want != "") || ok && got != c.want {
			t.Errorf("%q: %q %v, want %q", c.in, got, ok, c.want)
			continue
		}
		for k := range dec {
			if c.in[offs[k]] != dec[k] {
				t.Errorf("%q: byte %d %q maps to %d %q", c.in, k, dec[k], offs[k], c.in[offs[k]])
			}
		}
	}
}
