package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLabelledMobileThousands: a mobile behind its label in thousands
// groups (13,812,345,678; ' Swiss, . German, _ a literal's) is found and
// masked (attack54a F5); the same number without a label, an amount
// behind the label with cents or more groups, and other groupings are
// kept byte for byte.
func TestLabelledMobileThousands(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for range 8 {
		m := synth.CNMobile(r)
		g := func(sep string) string { return m[:2] + sep + m[2:5] + sep + m[5:8] + sep + m[8:] }
		for _, sep := range []string{",", "'", ".", "_", "’", "，", "&#44;"} {
			for _, label := range []string{"手机号 ", "手机：", "mobile: ", "tel "} {
				text := label + g(sep) + "\n"
				out, _ := e.Redact([]byte(text))
				if strings.Contains(string(out), g(sep)) || !found(e, text, detect.CNMobile) {
					t.Errorf("%q went out raw: %q", text, out)
				}
			}
		}
		for _, text := range []string{
			"销量 " + g(",") + " 件\n",
			"手机号 " + g(",") + ",123\n",
			"手机号 " + g(",") + ".50\n",
			"手机号 " + g(",") + "abc\n",
			"手机号 " + m[:2] + "," + m[2:5] + "." + m[5:8] + "," + m[8:] + "\n",
			"手机号 " + m[:3] + "," + m[3:6] + "," + m[6:9] + "," + m[9:] + "\n",
			"手机号 1" + m[:1] + "," + m[2:5] + "," + m[5:8] + "," + m[8:] + "0\n",
		} {
			if out, fs := e.Redact([]byte(text)); string(out) != text {
				t.Errorf("%q changed: %q (%s)", text, out, describe(text, fs))
			}
		}
	}
}
