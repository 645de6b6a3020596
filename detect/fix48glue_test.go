package detect

import (
	"strings"
	"testing"
)

// TestFix48GlueMasksStable: the glue read since attack pass 47 (a colon in
// emphasis of its own, a label struck through, a value in a code span,
// stars inside a name) masks the same text the same way when redacted
// again, under every mask style: a mask's stars are never read as that
// emphasis.
func TestFix48GlueMasksStable(t *testing.T) {
	var engines []*Engine
	for _, m := range []MaskStyle{MaskPartial, MaskFull, MaskLabel, MaskHash} {
		engines = append(engines, MustCompile(Policy{FingerprintKey: []byte("k"), Mask: m}))
	}
	values := []string{"王小明", "王明", "若曦", "欧阳娜娜", "Alex", "王", "abc_123456"}
	patterns := []string{"**%L**\u3000%V", "%L**：**%V", "**%L** **：** %V", "~~%L~~：%V", "%L：`%V`",
		"**%L**：`%V`", "%L：**欧阳**%V", "%L：欧阳**%V**", "**%L** %V", "%L：%V**%V**", "%L：**%V**%V",
		"%L：王**性别男，联系人：%V**", "%L：~~%V~~", "%L*：*%V", "%L：欧阳~~%V~~", "%L：`王`%V", "%L：欧阳`%V`"}
	for _, label := range []string{"姓名", "联系人", "微信号", "Name", "**Name** *"} {
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

// TestFix48GlueCleanKept: Markdown around words that are no labelled
// values (a struck-through word, a code span after a colon that is no
// name label, a bold word in a sentence) goes out byte for byte.
func TestFix48GlueCleanKept(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k"), Mask: MaskLabel})
	for _, text := range []string{
		"参数：`timeout`，单位秒",
		"~~旧版~~：已弃用",
		"说明**：**见下文",
		"| 姓名 | string | 必填 |",
		"| 年龄 | int | 选填 |",
		"姓名：用户名称，必填",
		"**注意**：`config.yaml` 需要重启",
		"今天**天气**很好",
	} {
		if out, fs := e.Redact([]byte(text)); string(out) != text || len(fs) != 0 {
			t.Errorf("%q -> %q %v: clean text altered", text, out, fs)
		}
	}
}

// TestFix48GlueVariants: the shapes of attack pass 47 with the other
// delimiters a renderer draws as nothing (tildes, backticks, one star) and
// an English label's colon in emphasis of its own (Name**:**张伟, **Name**
// **:** 张伟): the name is masked.
func TestFix48GlueVariants(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k"), Mask: MaskLabel})
	for _, c := range []struct{ text, raw string }{
		{"姓名*：*若曦", "若曦"},
		{"姓名__：__若曦", "若曦"},
		{"姓名 **：** 若曦", "若曦"},
		{"姓名：``若曦``", "若曦"},
		{"姓名：~~若曦~~", "若曦"},
		{"姓名：`若`曦", "曦"},
		{"联系人：欧阳~~娜娜~~", "娜娜"},
		{"联系人：欧阳`娜娜`", "娜娜"},
		{"联系人：***欧阳***娜娜", "娜娜"},
		{"Name**:**张伟", "张伟"},
		{"**Name** **:** 张伟", "张伟"},
	} {
		out, fs := e.Redact([]byte(c.text))
		if strings.Contains(string(out), c.raw) || len(fs) == 0 || fs[0].Category != CNName {
			t.Errorf("%q -> %q %v: the labelled name is delivered raw", c.text, out, fs)
		}
	}
}
