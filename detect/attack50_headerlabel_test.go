package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack50SpacedHeaderKept: F6's header rule (labelIsValue: a label
// right after a tab or a pipe is the header's next label) leaves the
// headers of space-aligned text exports: 联系人 手机, 联系人  手机 (a
// fixed-width report's columns), 联系人　手机 (U+3000, the ideographic
// space Chinese fixed-width text aligns with), 联系人\u00a0手机: the
// label 手机 ending the line is masked as the name after 联系人.
//
// Want: the header line kept byte for byte, the row's mobile masked.
func TestAttack50SpacedHeaderKept(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 53))
	e := attack49bEngine()
	m := synth.CNMobile(r)
	for _, h := range []string{"联系人 手机", "联系人  手机", "联系人\u3000手机", "联系人\u00a0手机"} {
		text := h + "\n张伟 " + m + "\n"
		out, _ := fix49Redact(t, e, text)
		if !strings.HasPrefix(out, h+"\n") || strings.Contains(out, m) {
			t.Errorf("%q -> %q: the header's label masked as a name", text, out)
		}
	}
}
