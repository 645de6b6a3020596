package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestYAMLFoldsOverCRAndNEL: YAML's line breaks are LF, CRLF, a lone CR
// and (YAML 1.1: PyYAML, go-yaml's is_break) NEL U+0085, LS and PS
// U+2028, U+2029; a scalar's
// indented lines fold into one line over any of them, so
// "note: >-\n    138\r    1234\r    5678" loads as "138 1234 5678" in
// PyYAML. A mobile so folded in a YAML body is masked over CR, NEL, LS
// and PS breaks as over LF ones (the control): it passed, decodeFoldedLines
// folding only over LF and CRLF.
func TestYAMLFoldsOverCRAndNEL(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for _, brk := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
			for _, shape := range []string{"note: >-\n    %s\n", "note: %s\n", "note: \"%s\"\n"} {
				sep := brk + "    "
				body := strings.Replace(shape, "%s", m[:3]+sep+m[3:7]+sep+m[7:], 1)
				if res := mustInspect(t, eng, []byte(body), "application/yaml", "", Redact); !res.Changed {
					t.Errorf("a folded mobile passes: %q", body)
				}
			}
		}
	}
}
