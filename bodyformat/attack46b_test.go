package bodyformat

import (
	"bytes"
	"testing"
)

// TestAttack46bBodiesNbspAndBoldLabel: detect's gaps and stars findings
// (detect/attack46b_test.go) through bodies as they arrive: an LLM
// reply, as JSON, Markdown or an event stream's delta, with the label in
// bold holding its colon (**姓名：** 王小明) or the whole field in bold
// (**地址：…室**), and a label's colon followed by &nbsp; in HTML
// (姓名：&nbsp;王小明). Each goes out with the raw house number, room or name;
// the clean text around it must be kept.
func TestAttack46bBodiesNbspAndBoldLabel(t *testing.T) {
	const clean = "今天天气很好。"
	for _, tc := range []struct {
		body, ct string
		raws     []string
	}{
		{`{"reply":"**地址：河南省郑州市金水区建设路917号3幢2501室**` + clean + `"}`, "application/json", []string{"917", "2501"}},
		{`{"reply":"**姓名：** 王小明\n` + clean + `"}`, "application/json", []string{"小明"}},
		{"**姓名：** 王小明\n" + clean, "text/markdown", []string{"小明"}},
		{"<p>姓名：&nbsp;王小明</p><p>" + clean + "</p>", "text/html", []string{"小明"}},
		{"<p><b>姓名：</b>&nbsp;王小明</p><p>" + clean + "</p>", "text/html", []string{"小明"}},
		{"data: {\"choices\":[{\"delta\":{\"content\":\"**姓名：** 王小明\\n" + clean + "\"}}]}\n\n", "text/event-stream", []string{"小明"}},
	} {
		res, err := Inspect(testEngine(t), []byte(tc.body), tc.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("inspect %q: %v", tc.body, err)
		}
		for _, raw := range tc.raws {
			if bytes.Contains(res.Body, []byte(raw)) {
				t.Errorf("%s: %q passes raw in %q", tc.ct, raw, res.Body)
			}
		}
		if !bytes.Contains(res.Body, []byte(clean)) {
			t.Errorf("%s: clean text not kept in %q", tc.ct, res.Body)
		}
	}
}
