package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStrictGBKAfterByteOrderMark (attack pass 33, F4): a GBK-labelled body is read
// as a two-byte GBK decoder shows it (strictGBK, thenStrictGBK) only
// when it opens with no byte-order mark (bom != 0 returns false). Python's
// gbk codec (Django's request.encoding, body.decode("gbk",
// errors="ignore")) and Java's GBK charset do not strip a UTF-8 mark: they
// read EF BB BF as GBK characters and then "tel 138\x811\x822345678" as
// 13812345678, each lead byte dropped before its digit. The body's
// label reading (bomLabel, GB18030 four-byte codes) and its UTF-8
// reading (U+FFFD, the digits apart) hold no mobile, and it passes; the
// same body without the mark is masked (the control).
func TestStrictGBKAfterByteOrderMark(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		m := synth.CNMobile(r)
		body := append([]byte("\xb5\xe7\xbb\xb0 tel "+m[:3]), 0x81, m[3], 0x82, m[4])
		body = append(body, m[5:]+" ok\n"...)
		for _, ct := range []string{"text/plain; charset=gbk", "application/x-www-form-urlencoded; charset=gbk"} {
			if res := mustInspect(t, eng, body, ct, "", Redact); !res.Changed {
				t.Fatalf("control: %q passes without a mark", body)
			}
			marked := append([]byte("\xef\xbb\xbf"), body...)
			res := mustInspect(t, eng, marked, ct, "", Redact)
			if view, _ := strictGBKView(res.Body); bytes.Contains(view, []byte(m)) {
				t.Errorf("%s: %q went out as %q: a two-byte GBK decoder shows the mobile", ct, marked, res.Body)
			}
		}
	}
}
