package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack47EmphasisGlue (F2): emphasis shapes a Markdown renderer
// draws as 姓名：若曦 (the colon in bold, an ideographic space after a bold
// label, a strikethrough label, a code-span value) hide the label that the
// same text without emphasis shows: the given name after it is masked.
func TestAttack47EmphasisGlue(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	const v = "若曦" // a given name alone: only its label makes it one
	if out, _ := e.Redact([]byte("姓名\u3000" + v)); bytes.Contains(out, []byte(v)) {
		t.Fatalf("baseline without emphasis not masked: %q", out)
	}
	for _, text := range []string{
		"**姓名**\u3000" + v,
		"姓名**：**" + v,
		"**姓名** **：** " + v,
		"~~姓名~~：" + v,
		"姓名：`" + v + "`",
		"**姓名**：`" + v + "`",
	} {
		out, fs := e.Redact([]byte(text))
		if bytes.Contains(out, []byte(v)) || !hasCategory(fs, detect.CNName) {
			t.Errorf("%q -> %q %v: the labelled name is delivered raw", text, out, fs)
		}
	}
}

// TestAttack47LabelledNameEmphasisInside (F8): emphasis inside or right
// before a labelled value that a plain reading masks (联系人：**欧阳**娜娜,
// 联系人：欧阳**娜娜**: the compound surname or the given name in bold,
// read as what a partial mask keeps; **姓名** 若曦 with a space as the
// glue) leaves the whole name raw.
func TestAttack47LabelledNameEmphasisInside(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for _, c := range []struct{ text, raw string }{
		{"联系人：**欧阳**娜娜", "娜娜"},
		{"联系人：欧阳**娜娜**", "娜娜"},
		{"**姓名** 若曦", "若曦"},
	} {
		out, fs := e.Redact([]byte(c.text))
		if bytes.Contains(out, []byte(c.raw)) || !hasCategory(fs, detect.CNName) {
			t.Errorf("%q -> %q: the labelled name is delivered raw", c.text, out)
		}
	}
}

// TestAttack47EmphasisGlueWeChat (F2b): the emphasis shapes of F2 hide a
// WeChat ID's label as they hide a name's (微信号：abc_123456 is found):
// a code-span value, a strikethrough label, the colon in bold.
func TestAttack47EmphasisGlueWeChat(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	const v = "abc_123456"
	if _, fs := e.Redact([]byte("微信号：" + v)); !hasCategory(fs, detect.WeChat) {
		t.Fatalf("baseline not found: %v", fs)
	}
	for _, text := range []string{"微信号：`" + v + "`", "~~微信号~~：" + v, "微信号**：**" + v} {
		out, fs := e.Redact([]byte(text))
		if bytes.Contains(out, []byte(v)) || !hasCategory(fs, detect.WeChat) {
			t.Errorf("%q -> %q %v: the labelled WeChat ID is delivered raw", text, out, fs)
		}
	}
}

// TestAttack47FieldDescriptionsNotNames (F9): a documentation table's or
// form's description of a name field (| 姓名 | string |, 姓名：用户名称,
// 姓名：见下表), which nonvalues.txt now lists in Chinese (字符串, 类型,
// 说明), is still masked as a name: the type written in English, a
// description starting with 用户 (whose 用 is read as a one-character
// name: [CN_NAME]户名称), a pointer to a table. Kept byte for byte.
func TestAttack47FieldDescriptionsNotNames(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for _, text := range []string{
		"| 姓名 | string |",
		"| **姓名** | string |",
		"| 姓名 | text |",
		"姓名：用户名称",
		"**姓名**：用户名称",
		"姓名：见下表",
	} {
		if out, fs := e.Redact([]byte(text)); string(out) != text || len(fs) != 0 {
			t.Errorf("%q -> %q %v: a field's description masked as a name", text, out, fs)
		}
	}
}
