package bodyformat

import (
	"bytes"
	"testing"
)

// TestAttack45AddressLabelEvasionsInBodies: attack pass 45, F5 and F6
// through the format layer: an LLM reply (JSON, Markdown) holding an
// address with an invisible character or a space before its markers, a
// room written Rm., and a label or value in Markdown emphasis. The raw
// house and room numbers and the name are gone; the clean text around them
// is kept byte for byte.
func TestAttack45AddressLabelEvasionsInBodies(t *testing.T) {
	const clean = "今天天气很好。"
	for _, tc := range []struct {
		body, ct string
		raws     []string
	}{
		{`{"reply":"地址：**河南省郑州市金水区建设路917\u200b号3\u200b幢2501室**` + clean + `"}`, "application/json", []string{"917", "2501"}},
		{`{"reply":"请寄到河南省 郑州市 金水区 建设路 917 号 3 幢 2501 室` + clean + `"}`, "application/json", []string{"917", "2501"}},
		{"**姓名**：王小明\n**地址**：河南省郑州市金水区建设路917\u00ad号3幢Rm.2501\n" + clean, "text/markdown", []string{"小明", "917", "2501"}},
		{"姓名：**王小明**\n地址：*河南省郑州市金水区建设路917号*\n" + clean, "text/plain", []string{"小明", "917"}},
	} {
		res, err := Inspect(testEngine(t), []byte(tc.body), tc.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("inspect %q: %v", tc.body, err)
		}
		if !res.Changed {
			t.Errorf("nothing redacted in %q (findings %+v)", tc.body, res.Findings)
			continue
		}
		for _, raw := range tc.raws {
			if bytes.Contains(res.Body, []byte(raw)) {
				t.Errorf("%q passes raw in %q", raw, res.Body)
			}
		}
		if !bytes.Contains(res.Body, []byte(clean)) {
			t.Errorf("clean text not kept in %q", res.Body)
		}
	}
}
