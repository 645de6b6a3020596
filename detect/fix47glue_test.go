package detect

import (
	"strings"
	"testing"
)

// TestFix47FieldDescriptionsKept: a form's or a documentation table's
// description of a name field (姓名：必填, | 姓名 | 说明 |, **姓名**：用户的真实姓名)
// is no name: kept byte for byte, no finding. A name glued to the next
// field is still read.
func TestFix47FieldDescriptionsKept(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"姓名：必填", "姓名：选填", "| 姓名 | 说明 |", "| 姓名 | 类型 | 是否必填 |", "**姓名**：用户的真实姓名",
		"收货人：您的姓名", "| **姓名** | 字符串 |",
	} {
		out, fs := e.Redact([]byte(s))
		if string(out) != s || len(fs) != 0 {
			t.Errorf("%q altered: %q (findings %v)", s, out, fs)
		}
	}
	attack46bRedacted(t, e, "姓名：王小明性别男", CNName, "小明")
	attack46bRedacted(t, e, "| **姓名** | 王小明 | 说明 |", CNName, "小明")
}

// TestFix47GlueMasksStable: the emphasis, spaces and invisible characters
// now read in a label's glue (attack pass 46) leave a redaction that a
// second one does not change, under every mask style: a mask writes a
// star after what it keeps, so the run after a masked value is longer
// than the one that opened it; the label's emphasis is not read after a
// colon (联系人：王明姓名：李四 fully masked is 联系人：**姓名：**).
func TestFix47GlueMasksStable(t *testing.T) {
	var engines []*Engine
	for _, m := range []MaskStyle{MaskPartial, MaskFull, MaskLabel, MaskHash} {
		engines = append(engines, MustCompile(Policy{FingerprintKey: []byte("k"), Mask: m}))
	}
	values := []string{"王小明", "王明", "王二三明", "欧阳娜娜", "欧阳娜", "Alex", "王", "区百",
		"河南省郑州市金水区建设路917号3幢2501室"}
	patterns := []string{"**%L：** %V", "**%L：**%V", "**%L：%V**", "%L：%V**", "*%L：%V*", "%L：***%V***",
		"%L：** %V **", "| **%L** | %V |", "| **%L** | **%V** |", "__%L__：%V", "__%L：__ %V", "`%L`：%V",
		"***%L***：%V", "%L：\u00a0%V", "%L\u200b：%V", "%L：*\u200b*%V**", "联系人：王明%L：%V 张三",
		"联系人：%V**%L**：李四", "**%L：%V**，电话", "%L：***%V"}
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

// TestFix47EnglishLabelEmphasis: an English label in bold or a code span
// before its colon (**Name**: 张伟, `name`: 张伟), as an LLM writes a record,
// led to nothing: englishLabel read back from the colon over spaces and
// quotes only. A run that does not match the one before the label is no
// emphasis.
func TestFix47EnglishLabelEmphasis(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{"**Name**: 张伟", "**name**: 张伟", "`name`: 张伟", "***Name***: 张伟", "- **Name**: 张伟"} {
		attack46bRedacted(t, e, s, CNName, "伟")
	}
	for _, s := range []string{"**Name***: 张伟", "Name**: 张伟"} {
		if out, fs := e.Redact([]byte(s)); len(fs) != 0 {
			t.Errorf("%q: a run no emphasis opens read as one: %q %v", s, out, fs)
		}
	}
}
