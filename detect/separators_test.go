package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNumericSeparators: JavaScript, Python, Go and Java read 187_6772_0441
// as one number; so does the engine. An underscore next to a letter still
// separates (photo_13812345678.jpg is a mobile in a file name) and hex
// tokens joined by underscores stay tokens.
func TestNumericSeparators(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 31))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		m := synth.CNMobile(r)
		id := synth.CNID18(r)
		for _, c := range []struct {
			text, raw string
			cat       detect.Category
		}{
			{"const tel = " + m[:3] + "_" + m[3:7] + "_" + m[7:] + ";", m, detect.CNMobile},
			{"tel = " + strings.Join(strings.Split(m, ""), "_"), m, detect.CNMobile},
			{"id = " + id[:6] + "_" + id[6:14] + "_" + id[14:], id, detect.CNID},
		} {
			out, fs := e.Redact([]byte(c.text))
			if !hasCategory(fs, c.cat) || bytes.Count(out, []byte("*")) < 4 {
				t.Errorf("%q: %v -> %q", c.text, fs, out)
			}
		}
	}
	for _, clean := range []string{"x 3ef330fc_0797_4212 y", "IMG_20230105_1234567.jpg", "v1_2_3"} {
		if fs := e.Find([]byte(clean)); len(fs) != 0 {
			t.Errorf("%q: %v", clean, fs)
		}
	}
}
