package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack54cMaskedNameBeforeMaskedField (attack54c F2): a record that
// another system masked field by field (姓名：***建国，电话：***) keeps the
// first visible character of the name raw: the output is 姓名：***建*，
// where 姓名：***建国。电话：138****5678 and 姓名：***建国\n电话：***
// star both characters (maskedNameEnd). The given name's characters must
// all be starred whatever field follows.
func TestAttack54cMaskedNameBeforeMaskedField(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	r := rand.New(rand.NewPCG(54, 3))
	for range 20 {
		_, given := synth.CNNameParts(r)
		if len([]rune(given)) != 2 {
			continue
		}
		for _, after := range []string{"。电话：***", "，电话：***", "；手机：****", "。住址：***"} {
			text := "姓名：***" + given + after
			out, fs := e.Redact([]byte(text))
			visible := strings.TrimSuffix(strings.TrimPrefix(string(out), "姓名："), after)
			if strings.ContainsAny(visible, given) || !strings.HasSuffix(string(out), after) || countCategory(fs, detect.CNName) != 1 {
				t.Errorf("%q -> %q (%d findings): a visible character of the name %q goes out raw", text, out, len(fs), given)
			}
		}
	}
}

// TestAttack54cMaskedNameNotAName (attack54c F3): maskedNameEnd stars two
// Han characters after a masked label value that are no name at all, what
// a courier or a form writes after a masked name (***代收, ***签收,
// ***转交 "received / handed over for ***"), a relation or a group
// (***夫妇, ***一家, ***全家, ***团队, ***亲属), a state (***已改,
// ***已注): the clean text is changed and a name finding counted. They
// must be kept byte for byte, as ***先生, ***家人, ***本人 are.
func TestAttack54cMaskedNameNotAName(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	for _, w := range []string{"代收", "签收", "转交", "代签", "收货", "夫妇", "一家", "全家", "团队", "亲属", "已改", "等人", "家属", "已删"} {
		for _, label := range []string{"姓名：", "收件人："} {
			text := label + "***" + w + "\n"
			out, fs := e.Redact([]byte(text))
			if string(out) != text || len(fs) != 0 {
				t.Errorf("%q -> %q (%d findings): the word after the stars is no name", text, out, len(fs))
			}
		}
	}
}
