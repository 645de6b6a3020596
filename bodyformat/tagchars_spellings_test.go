package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestTagCharsSpelledAsReferences (attack pass 33, F3): tag characters (ASCII
// smuggling, U+E0031 for '1') are read as their ASCII only in a piece
// whose raw bytes hold them (trigTag: a byte 0xF3). A page that spells
// them as character references (&#xE0031; or &#917553;), which a
// browser's DOM, and so a model reading the page's text, holds as tag
// characters, or a script that spells them as UTF-16 escapes
// ("\uDB40\uDC31", what JSON.stringify and many encoders write for
// them), is read only through the references and escapes readings, whose
// output never reaches the tag reading: the mobile passes, whole or with
// its first digits in ASCII. The same tags written raw are masked (the
// control), and JSON's \u escapes are (the walker decodes strings first).
func TestTagCharsSpelledAsReferences(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	tags := func(s string) []rune {
		var rs []rune
		for _, c := range s {
			rs = append(rs, 0xE0000+c)
		}
		return rs
	}
	spell := func(s, format string) string {
		var b strings.Builder
		for _, c := range tags(s) {
			if strings.Contains(format, "uDB") {
				c -= 0x10000
				fmt.Fprintf(&b, `\u%04X\u%04X`, 0xD800+(c>>10), 0xDC00+(c&0x3FF))
				continue
			}
			fmt.Fprintf(&b, format, c)
		}
		return b.String()
	}
	for range 3 {
		m := synth.CNMobile(r)
		if res := mustInspect(t, eng, []byte("<p>tel "+string(tags(m))+"</p>"), "text/html", "", Redact); !res.Changed {
			t.Fatalf("control: raw tags pass: %s", res.Body)
		}
		for _, tc := range []struct{ body, ct string }{
			{"<p>tel " + spell(m, "&#x%X;") + "</p>", "text/html"},
			{"<p>tel " + spell(m, "&#%d;") + "</p>", "text/html"},
			{"<p>tel " + m[:3] + spell(m[3:], "&#x%X;") + "</p>", "text/html"},
			{`<script>var note = "tel ` + spell(m, `\uDB40`) + `";</script>`, "text/html"},
			{`var note = "tel ` + spell(m, `\uDB40`) + `";`, "application/javascript"},
		} {
			res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
			if !res.Changed {
				t.Errorf("%s: a mobile in tag characters spelled so passes: %s", tc.ct, res.Body)
			}
		}
	}
}
