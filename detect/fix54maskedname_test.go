package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFix54PartlyMaskedName (fix54mobile, issue #9 item 4): behind a
// name label, a name another system masked in part (姓名：***小亭) has
// its visible rest masked with the stars; what a full mask of this engine
// leaves after its stars (the next field's word, a title, a particle, a
// name going on past a dot) stays, so a second redaction changes nothing;
// under the full mask too since fix55groups (its own output 姓名：***小亭
// was, for 姓名：张伟*小亭, which it now masks whole: TestFix55PartlyMaskedNameRest).
func TestFix54PartlyMaskedName(t *testing.T) {
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		for _, c := range [][3]string{
			{"姓名：", "***小亭", ""}, {"姓名：", "****晓明", "，性别男"}, {"| 收件人 | ", "***若曦", " |"},
			{"联系人：", "*****娜娜", "\n电话：无"}, {"姓名: ", "***小亭", " 已签收"},
		} {
			text := c[0] + c[1] + c[2]
			out := fix54Redacted(t, e, text, strings.TrimLeft(c[1], "*"), detect.CNName)
			if !strings.HasPrefix(out, c[0]) || !strings.HasSuffix(out, c[2]) {
				t.Errorf("%v: %q -> %q: the clean text around altered", style, text, out)
			}
		}
		for _, text := range []string{
			"联系人：***男户张·欧阳", "姓名：***先生", "姓名：***性别男", "姓名：***已签收", "姓名：***小亭A",
			"姓名 ***小亭", "备注：***小亭", "姓名：**********小亭", "姓名：***老师", "姓名：***同学",
		} {
			if out, _ := e.Redact([]byte(text)); string(out) != text {
				t.Errorf("%v: %q -> %q: kept before", style, text, out)
			}
		}
	}
}
