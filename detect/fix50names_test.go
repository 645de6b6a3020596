package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix50ControlBeforeCheckX: an ID whose check X a control sets apart
// (<17 digits>\bX) is still found with its X, as the whole ID or card
// before a control and a lone x is (TestAttack49bControlThenX): the x
// after a control is a group of its own, read both ways.
func TestFix50ControlBeforeCheckX(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 0xf7))
	e := attack49bEngine()
	for range 4 {
		id := synth.CNID18X(r)
		for _, ctl := range []string{"\b", "\x01", "\x00", "\x01\x01"} {
			for _, x := range []string{"X", "x"} {
				text := "note " + id[:17] + ctl + x
				if ctl == "\x01" {
					text = "note 12 " + id[:17] + ctl + x // a group before the ID: 19 digits
				}
				out, fs := fix49Redact(t, e, text)
				if strings.Contains(out, id[:17]) || !hasCategory(fs, detect.CNID) {
					t.Errorf("%q -> %q: the ID before a control and its check X is left raw", text, out)
				}
			}
		}
		// a control and a word after a whole ID: unchanged
		text := "note " + id[:17] + "\bxyz " + synth.CNID18(r)
		if out, fs := fix49Redact(t, e, text); !hasCategory(fs, detect.CNID) || strings.Contains(out, text[len(text)-18:]) {
			t.Errorf("%q -> %q", text, out)
		}
	}
}

// TestFix50ThreeStarsMaskStable: three stars nothing closes before a
// Han value after a name label (姓名：***小亭) stay what a mask writes,
// not emphasis (TestAttack49bUnderscoredLabelVariants dropped that case):
// a full mask of a value of three characters writes them before what the
// value's end left, and a second redaction read that as the name (found
// by a fuzz of record pieces when they were emphasis: 联系人：王性别男户张·欧阳
// gave 联系人：***男户张·欧阳, then 联系人：********). Every mask is
// stable under a second redaction here.
func TestFix50ThreeStarsMaskStable(t *testing.T) {
	for _, m := range []detect.MaskStyle{detect.MaskFull, detect.MaskPartial, detect.MaskLabel} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: m})
		fix49Redact(t, e, "两个#】联系人：王性别男户张·欧阳")
		fix49Redact(t, e, "号收货人楼一*欧阳")
		fix49Redact(t, e, "联系人：***幢街道层性别")
		for _, label := range []string{"姓名：", "联系人：", "收件人：", "**姓名**：", "联系人 "} {
			for _, name := range []string{"王小明", "欧阳娜", "小叶子", "张伟", "张伟*"} {
				for _, after := range []string{"", "先生", "同学", "收", "性别男", "两个男", "很好", "已签收", "的东西", "，谢谢", "老师", "小亭"} {
					fix49Redact(t, e, label+name+after)
				}
			}
		}
	}
}
