package bodyformat

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFormGBKNoCharsetMaskInGBK (attack 43): a form a GBK page sent
// without a charset (dz=住址<address> in GBK escapes) has its masks
// written back in GBK, the charset its values were read in: the whole
// value decodes in GBK without a replacement character, and the address
// is gone from that reading. (A name under the pinyin key xm is not read
// as a name: keys in pinyin are another finding's.)
func TestFormGBKNoCharsetMaskInGBK(t *testing.T) {
	r := rng(t.Name())
	enc := simplifiedchinese.GBK.NewEncoder()
	pct := func(s string) string {
		b, err := enc.Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return url.QueryEscape(string(b))
	}
	for range 10 {
		name, addr := synth.CNName(r), synth.CNAddress(r)
		body := "xm=" + pct(name) + "&dz=" + pct("住址"+addr)
		res := mustInspect(t, testEngine(t), []byte(body), "application/x-www-form-urlencoded", "", Redact)
		if !res.Changed || !hasCategory(res.Findings, detect.CNAddress) {
			t.Fatalf("%q: not masked: %+v", body, res.Findings)
		}
		vals, err := url.ParseQuery(string(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"xm", "dz"} {
			raw := vals.Get(k)
			gb, err := simplifiedchinese.GB18030.NewDecoder().String(raw)
			if err != nil || strings.ContainsRune(gb, utf8.RuneError) {
				t.Errorf("%s = %q: not GBK throughout (%v): %q", k, raw, err, gb)
			}
			if strings.Contains(gb, addr) {
				t.Errorf("%s: %q survives in %q", k, addr, gb)
			}
			if k == "dz" && !strings.HasPrefix(gb, "住址") {
				t.Errorf("dz: label lost: %q", gb)
			}
		}
	}
}
