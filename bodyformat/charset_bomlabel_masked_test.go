package bodyformat

// (attack24) a UTF-8 byte-order mark before a body labelled in a legacy
// charset the filter reads; a browser shows it as UTF-8. A mobile in it
// should be masked, not the whole body refused.

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func TestBOMLegacyLabelMaskedNotRefused(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range []struct {
		label string
		enc   encoding.Encoding
	}{
		{"gbk", simplifiedchinese.GBK},
		{"big5", traditionalchinese.Big5},
		{"shift_jis", japanese.ShiftJIS},
	} {
		for _, tc := range []struct{ ct, text string }{
			{"text/html", "<p>電話 " + mob + " 謝謝</p>"},
			{"application/json", `{"tel":"` + mob + `","n":"謝謝"}`},
			{"text/plain", "電話 " + mob},
			{"text/plain", mob + " 電話"},
			{"text/plain", fullWidth(mob) + " 電話"},
			{"text/plain", "電話" + fullWidth(mob)},
			{"text/html", "<p>" + fullWidth(mob) + "</p>"},
		} {
			b, _ := encoding.ReplaceUnsupported(e.enc.NewEncoder()).Bytes([]byte(tc.text))
			body := append([]byte("\xef\xbb\xbf"), b...)
			res, err := Inspect(eng, body, tc.ct+"; charset="+e.label, "", Redact, Limits{})
			switch {
			case errors.Is(err, ErrMalformed):
				t.Errorf("REFUSED %s %s with BOM (%.20q…): %v", e.label, tc.ct, body, err)
			case err != nil:
				t.Errorf("%s %s: %v", e.label, tc.ct, err)
			case strings.Contains(asciiDigits(decodeAll(e.enc, res.Body)), mob):
				t.Errorf("LEAK %s %s text %q: in %q out %q", e.label, tc.ct, strings.ReplaceAll(tc.text, mob, "<MOB>"), body, res.Body)
			}
		}
	}
}

func decodeAll(enc encoding.Encoding, b []byte) string {
	d, _ := enc.NewDecoder().Bytes(b)
	return string(d) + "\n" + string(b)
}
