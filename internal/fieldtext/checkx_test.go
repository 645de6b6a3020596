package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// escapeAll percent-escapes every byte of s.
func escapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[s[i]>>4])+string("0123456789abcdef"[s[i]&15])))
	}
	return b.String()
}

// TestCheckXAfterEscapedNumbers checks a resident ID ending in X after
// percent-escaped numbers in a URI (attack20): the decoded run reaches the
// 64 digits the engine collects at a time right before the X, and the ID
// was kept. It is masked now, and the same URI with a wrong check
// character comes back byte for byte.
func TestCheckXAfterEscapedNumbers(t *testing.T) {
	find := testFinder()
	r := rand.New(rand.NewPCG(9, 64))
	for i := 0; i < 20; i++ {
		mob, a, b, id := synth.CNMobile(r), synth.CNID18(r), synth.CNID18(r), synth.CNID18X(r)
		// 11 + 18 + 18 digits, then the ID's 17 and its X
		for _, s := range []string{
			"/" + escapeAll(mob) + "/" + escapeAll(a) + "/" + escapeAll(b) + "/" + id + " tel=",
			"/" + mob + "/" + a + "/" + b + "/" + id + "?x=1",
			"/" + mob + "/" + a + "/" + escapeAll(b) + "%20" + id + "-%31%37",
		} {
			out, _ := Redact(find, s, 0)
			if strings.Contains(out, id[:17]) {
				t.Errorf("Redact(%q) = %q keeps the ID", s, out)
			}
		}
		wrong := "/x/" + id[:17] + "0%20%31%37"
		if out, fs := Redact(find, wrong, 0); out != wrong || len(fs) != 0 {
			t.Errorf("Redact(%q) = %q, want it unchanged", wrong, out)
		}
	}
}
