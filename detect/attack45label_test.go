package detect

import (
	"strings"
	"testing"
)

// Attack pass 45, F6: a star between a label and its value (a stray one,
// or Markdown emphasis around the label or the value, as LLM output
// writes it) hid the label: the value was read from the star, as a mask.

// TestAttack45StarAfterLabel: a star (a mask's or Markdown emphasis)
// between a label and its value does not hide the label.
func TestAttack45StarAfterLabel(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	const addr = "河南省郑州市金水区建设路917号"
	for _, s := range []string{
		"地址：*" + addr,
		"地址：**" + addr + "**",
		"**地址**：" + addr,
		"地址*" + addr,
	} {
		attack45Redacted(t, e, s, "917号", CNAddress)
	}
	for _, s := range []string{
		"姓名*王小明",
		"姓名：**王小明",
		"姓名：*王小明",
		"**姓名**：王小明",
		"姓名：**王小明**",
		"**姓名：**王小明",
		"姓名：**亭小明**",
	} {
		attack45Redacted(t, e, s, "小明", CNName)
	}
}

// TestAttack45StarMasksStable: a value read between stars is masked once:
// what the filter writes (王**, **王**, **欧阳**, 宋区****, full stars,
// labels) is not read again, in every mask style, around every label and
// star pattern.
func TestAttack45StarMasksStable(t *testing.T) {
	var engines []*Engine
	for _, m := range []MaskStyle{MaskPartial, MaskFull, MaskLabel, MaskHash} {
		engines = append(engines, MustCompile(Policy{FingerprintKey: []byte("k"), Mask: m}))
	}
	values := []string{"王小明", "王明", "王二三明", "欧阳娜娜", "欧阳娜", "阿依古丽·买买提", "Alex", "王",
		"河南省郑州市金水区建设路917号", "河南省郑州市金水区建设路917号3幢2501室"}
	patterns := []string{"%L：%V", "%L*%V", "%L：*%V", "%L：**%V", "**%L**：%V", "%L：**%V**",
		"%L：*%V*", "%L：***%V", "%L：***%V***", "**%L：**%V", "%L：**%V**，电话", "%L：**%V**先生", "%L：****%V"}
	for _, label := range []string{"姓名", "地址", "收货人"} {
		for _, p := range patterns {
			for _, v := range values {
				s := strings.ReplaceAll(strings.ReplaceAll(p, "%L", label), "%V", v)
				for _, e := range engines {
					out, _ := e.Redact([]byte(s))
					if again, _ := e.Redact(out); string(again) != string(out) {
						t.Errorf("not stable under %s: %q -> %q -> %q", e.MaskStyle(), s, out, again)
					}
				}
			}
		}
	}
}
