package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMojibakeGroupGapsAsUTF8: a mobile in 3-4-4 groups of Big5
// mojibake digits, each group under clusterDigits, the groups set apart
// by separators a reader (and the engine's UTF-8 reading of the same
// full-width digits) joins. Secure: wherever the UTF-8 reading of the
// full-width digits masks the mobile, the mojibake does not show it.
func TestMojibakeGroupGapsAsUTF8(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	g := []string{mob[:3], mob[3:7], mob[7:]}
	for _, sep := range []string{"-", "--", " - ", "-.", ").(", "/", "//", " / ", "_-_", "、", "，", "--\u200b", "．", "ー"} {
		for _, ct := range []string{"text/plain", "text/html"} {
			ctrl := "tel " + fullWidth(g[0]) + sep + fullWidth(g[1]) + sep + fullWidth(g[2])
			res, err := Inspect(eng, []byte(ctrl), ct+"; charset=utf-8", "", Redact, Limits{})
			if err != nil || strings.Contains(asciiDigits(string(res.Body)), mob) {
				continue // the UTF-8 reading leaves it too: not the fallback's doing
			}
			body := "tel " + mojibakeBig5Digits(g[0]) + sep + mojibakeBig5Digits(g[1]) + sep + mojibakeBig5Digits(g[2])
			res, err = Inspect(eng, []byte(body), ct, "", Redact, Limits{})
			if err != nil {
				continue
			}
			if strings.Contains(big5Shows(res.Body), mob) {
				t.Errorf("sep %q %s: UTF-8 full-width masked, Big5 mojibake shows the mobile", sep, ct)
			}
		}
	}
}
