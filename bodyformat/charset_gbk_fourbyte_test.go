package bodyformat

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGBKLabelFourByte (attack pass 29, F2): WHATWG's GBK decoder (labels gbk,
// gb2312, x-gbk, chinese …) is the gb18030 decoder: it reads four-byte
// codes, one character (or one U+FFFD) for four bytes. A body labelled
// GBK with a four-byte code glued to or inside a full-width mobile shows
// the mobile in a browser; it must not pass.
func TestGBKLabelFourByte(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	enc := simplifiedchinese.GB18030.NewEncoder()
	wide, err := enc.String(fullWidth(m))
	if err != nil {
		t.Fatal(err)
	}
	zwsp, err := enc.String("\u200b")
	if err != nil || len(zwsp) != 4 {
		t.Fatalf("U+200B in GB18030: %x %v", zwsp, err)
	}
	middle := wide[6:14]
	label := "\xb5\xe7\xbb\xb0 " // 电话
	for _, c := range []struct{ name, body string }{
		{"unmapped glued", label + "\xfe\x39\xfe\x39" + wide + " ok"},
		{"unmapped glued 2", label + "\x84\x31\xa5\x30" + wide + " ok"},
		{"U+0080 glued", label + "\x81\x30\x81\x30" + wide + " ok"},
		{"zwsp inside", label + wide[:6] + zwsp + wide[6:] + " ok"},
	} {
		for _, cs := range []string{"gbk", "gb2312", "x-gbk", "cp936", "chinese", "GB_2312-80", "iso-ir-58", "csgb2312"} {
			for _, ct := range []string{"text/plain; charset=" + cs, "text/html; charset=" + cs} {
				res, err := Inspect(eng, []byte(c.body), ct, "", Redact, Limits{})
				if err == nil && bytes.Contains(res.Body, []byte(middle)) {
					t.Errorf("%s, %s: went out as %q", c.name, ct, res.Body)
				}
			}
		}
	}
}
