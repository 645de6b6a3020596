package bodyformat

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestLabelAndUTF8MasksInLabel (issue #9, the labelAndUTF8 residual): a
// GBK JSON body whose mobile only a UTF-8 reader sees (0x81 before each
// digit: GB18030 four-byte characters, U+FFFD and a digit to fetch) was
// masked through the UTF-8 reading and went out as that reading wrote it,
// UTF-8 with every GBK character a U+FFFD: nothing revealed, the body
// damaged (北京 lost to a GBK reader). It is masked in the body's own
// bytes now: the output decodes as GBK, the text before and after the
// value byte for byte, the value masked to both readers, still JSON.
func TestLabelAndUTF8MasksInLabel(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		mob := synth.CNMobile(r)
		var v bytes.Buffer
		for _, c := range []byte(mob) {
			v.WriteByte(0x81)
			v.WriteByte(c)
		}
		head := encodeIn(t, simplifiedchinese.GBK, "", `{"city":"北京","tel":"`)
		tail := encodeIn(t, simplifiedchinese.GBK, "", `","note":"你好"}`)
		for _, ct := range []string{"application/json; charset=gbk", "application/x-ndjson; charset=gb18030"} {
			body := append(append(append([]byte(nil), head...), v.Bytes()...), tail...)
			if strings.HasPrefix(ct, "application/x-ndjson") {
				body = append(body, '\n')
			}
			res := mustInspect(t, eng, body, ct, "", Redact)
			out := res.Body
			if !res.Changed || !bytes.HasPrefix(out, head) || !bytes.Contains(out, tail) {
				t.Errorf("%s: the text about the value changed: %q", ct, out)
				continue
			}
			if strings.Contains(utf8Digits(out), mob) || strings.Contains(gb18030Digits(t, out), mob) {
				t.Errorf("%s: the mobile went out: %q", ct, out)
			}
			text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(out)
			if err != nil || !strings.Contains(string(text), `{"city":"北京","tel":"`) || !json.Valid(bytes.TrimSpace(utf8View(out))) {
				t.Errorf("%s: not GBK JSON: %q (%v)", ct, text, err)
			}
			if again := mustInspect(t, eng, out, ct, "", Redact); again.Changed {
				t.Errorf("%s: the masked body reads unclean: %q", ct, again.Body)
			}
		}
	}
}
