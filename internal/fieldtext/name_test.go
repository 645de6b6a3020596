package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactName: an identifier glued to a letter of a header's name is
// found by its digits alone and starred where it stands; one standing
// apart is found as text; ordinary names with digits come back as they
// are.
func TestRedactName(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 3))
	m, id := synth.CNMobile(r), synth.CNID18(r)
	find := testFinder()
	for _, tc := range []struct{ name, raw, kept string }{
		{"X-U" + id, id[:17], "X-U"},
		{"X-Tel" + m, m, "X-Tel"},
		{"X-" + m, m, "X-"},
		{"X-" + m[:3] + "-" + m[3:7] + "-" + m[7:] + "a", m[3:7], "X-"},
	} {
		out, fs := RedactName(find, tc.name)
		if len(fs) == 0 || strings.Contains(out, tc.raw) || !strings.HasPrefix(out, tc.kept) {
			t.Errorf("RedactName(%q) = %q, %d findings: want %q masked, %q kept", tc.name, out, len(fs), tc.raw, tc.kept)
		}
	}
	for _, name := range []string{"", "Accept", "X-B3-TraceId", "Sec-CH-UA-Platform-Version", "X-Request-ID", "X-Forwarded-For", "Content-MD5", "X-Api-Version-2024", "X-" + synth.CNMobileBadPrefix(r)} {
		if out, fs := RedactName(find, name); out != name || len(fs) != 0 {
			t.Errorf("RedactName(%q) = %q, %d findings: want it kept", name, out, len(fs))
		}
	}
}
