//go:build detectsteps

package bodyformat

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityStreamLegacy checks that the legacy guard of an
// unlabelled stream costs steps linear in the stream: lines of GBK
// full-width mobiles and clean text, one line that never ends (its start
// goes out past legacyPending, its context read again, from a character
// start of each charset), one of double-byte text and mobiles with no
// ASCII byte, Big5 text, lines that end in digits (their open tail held
// for the next line) mobiles split over lines, and lines
// with long runs of white space (collapsed in the context), and lines
// with markup (kept as the page shows it in the context), each written in
// writes of 7 bytes.
func TestComplexityStreamLegacy(t *testing.T) {
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"gbk mobiles":    "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8\n",
		"gbk no end":     "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8 \xd2\xbb ",
		"big5 clean":     "\xb9q\xb8\xdc \xc1\xc2 42\n",
		"gbk stray byte": "\xff\xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1 \xaa\xa1\n",
		// no ASCII byte: one line, its context cut inside characters
		"gbk wide no end": "\xb0\xa1\xb0\xa1\xb0\xa1\xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8",
		// lines ending in digits: each holds its open tail for the next
		"gbk digit lines":   "\xa3\xb1\xa3\xb2\n",
		"gbk split mobiles": "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xa3\xb8\n\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\n\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8\n",
		// a digit, a long run of white space (held, or past the bound
		// carried by the collapsed context), blank lines, words (the context fills with them soon)
		"gbk digit space tail": "\xa3\xb1" + strings.Repeat(" ", 300) + "\n\n\n" + strings.Repeat("\xc4\xe3", 60) + "\n",
		"gbk short space tail": "\xa3\xb1" + strings.Repeat(" \t", 40) + "\n\xc4\xe3\n",
		"gbk space no end":     "\xc4\xe3" + strings.Repeat(" ", 50),
		// a digit, then markup a page shows nothing of, over a line end
		// and past the bound or not (the context keeps it as one short
		// tag, open markup as its start), or in a line that never ends
		"gbk comment tail":  "\xa3\xb1<!--" + strings.Repeat("x", 300) + "\n-->\n\n\n" + strings.Repeat("\xc4\xe3", 60) + "\n",
		"gbk tag tail":      "\xc4\xe3\xa3\xb1<span title=\"" + strings.Repeat("x", 100) + "\"\n>\xc4\xe3</span>\n",
		"gbk script no end": "\xc4\xe3\xa3\xb1<script>if (a<b) {}" + strings.Repeat("x", 40) + "</script>",
		"gbk tags no end":   "\xc4\xe3<b></b><!-- -- --><div class=x>",
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := bytes.Repeat([]byte(unit), n/len(unit))
			detect.ResetSteps()
			s := NewStream(eng, io.Discard, StreamLines, StreamOptions{Mode: Redact, Unlabelled: true})
			for p := body; len(p) > 0; {
				k := min(len(p), 7)
				if _, err := s.Write(p[:k]); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				p = p[k:]
			}
			if err := s.Close(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}
