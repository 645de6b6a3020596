package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPositionalPartsRead: a number given in parts named by where they
// stand (前三位138，中间四位1234，后四位5678; an ID's first six digits, its
// date of birth and its last four) is read as the one number a reader
// puts together; parts of no identifier's length, and positions naming
// anything but digits, change nothing.
func TestPositionalPartsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m, id := mobileNoZeroAt(r, 3, 7), synth.CNID18(r)
		for _, c := range []struct{ body, secret string }{
			{"手机前三位" + m[:3] + "中间" + m[3:7] + "后四位" + m[7:], m[3:7]},
			{"手机号前三位是" + m[:3] + "，中间四位是" + m[3:7] + "，后四位是" + m[7:] + "。", m[3:7]},
			{"他的手机前三位" + m[:3] + "，中间" + m[3:7] + "，最后" + m[7:], m[3:7]},
			{"手机前三位" + synth.ChineseNumerals(m[:3]) + "，中间四位" + synth.ChineseNumerals(m[3:7]) + "，后四位" + synth.ChineseNumerals(m[7:]), synth.ChineseNumerals(m[3:7])},
			{"身份证前六位" + id[:6] + "，出生日期" + id[6:14] + "，后四位" + id[14:], id[6:14]},
		} {
			res := mustInspect(t, eng, []byte(c.body), "text/plain", "", Redact)
			if strings.Contains(string(res.Body), c.secret) {
				t.Errorf("%q -> %q", c.body, res.Body)
			}
			assertStable(t, eng, res, "text/plain")
		}
	}
	for _, clean := range []string{
		"尾号5678的卡", "销量前三位147万，后四位8969", "前三名得分138，中间两名1234", "排名前三位的城市，后四位的省份",
		"出生于1990年，前三位同学", "前3位1，后4位2",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}
