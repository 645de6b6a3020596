package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack32TagCharacterSmuggling: the tag characters U+E0020–E007E
// mirror printable ASCII (TAG DIGIT ONE is U+E0031). Drawn as nothing,
// they are what "ASCII smuggling" hides text to a model with: LLMs read
// them as the ASCII they mirror, and a client decodes them with
// chr(ord(c) - 0xE0000). The engine reads them through as invisible
// (default ignorables), so "tel <mobile>" spelled in tags, in a prompt
// sent to a model or in a page, is no text at all to the filter and
// passes whole.
func TestAttack32TagCharacterSmuggling(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		var tags strings.Builder
		for _, c := range "tel " + m {
			tags.WriteRune(0xE0000 + c)
		}
		for _, c := range []struct{ ct, body string }{
			{"text/plain", "hello " + tags.String() + " world"},
			{"application/json", `{"model":"x","messages":[{"role":"user","content":"summarise this ` + tags.String() + `"}]}`},
		} {
			if res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact); !res.Changed {
				t.Errorf("%s: a mobile in tag characters passes: %q", c.ct, c.body)
			}
		}
	}
}
