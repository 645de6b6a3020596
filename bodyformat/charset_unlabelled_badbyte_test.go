package bodyformat

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestUnlabelledOneBadByte: an unlabelled GBK/Big5/SJIS body with
// a full-width mobile and one byte the charset cannot read (0xFF, a cut
// character at the end) or a user-defined (private-use) character: a
// browser in that locale shows one U+FFFD or a box and the digits. The
// mobile must not go out readable in that charset.
func TestUnlabelledOneBadByte(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range []struct {
		label string
		enc   encoding.Encoding
		bad   []string
	}{
		{"gbk", simplifiedchinese.GBK, []string{"\xff", "\xaa\xa1", "\xfe\xfe", "\xa3"}},
		{"gb18030", simplifiedchinese.GB18030, []string{"\xff", "\xaa\xa1", "\xa3"}},
		{"big5", traditionalchinese.Big5, []string{"\xff", "\xa3"}},
		{"shift_jis", japanese.ShiftJIS, []string{"\xff", "\xf0\x40", "\x82"}},
	} {
		for _, bad := range e.bad {
			for _, tc := range []struct{ ct, text string }{
				{"text/plain", "電話 " + fullWidth(mob) + " 謝謝"},
				{"text/html", "<p>電話：" + fullWidth(mob) + "</p>"},
				{"application/json", `{"tel":"` + fullWidth(mob) + `"}`},
			} {
				body, err := e.enc.NewEncoder().Bytes([]byte(tc.text))
				if err != nil {
					t.Fatal(err)
				}
				body = append(body, bad...)
				res := mustInspect(t, eng, body, tc.ct, "", Redact)
				shown, _ := e.enc.NewDecoder().Bytes(res.Body)
				if strings.Contains(asciiDigits(string(shown)), mob) {
					t.Errorf("%s %s bad=%q: mobile shown in %s: in %q out %q", e.label, tc.ct, bad, e.label, body, res.Body)
				}
			}
		}
	}
}
