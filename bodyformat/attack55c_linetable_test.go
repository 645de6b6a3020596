package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack55cLineTableNearShapes: near shapes of the CSV export that
// streamlinetable.go carries its header across (编号,联系人,手机, one
// row a line or message). The same text buffered (text/plain, Inspect)
// masks every nickname of the name column; streamed, a shape the
// carried header does not cover reads each row alone and the nickname
// goes out raw (a header opened by a byte-order mark, as Excel's "CSV
// UTF-8" writes it, was not carried: F1). Each shape reports whether buffered masks it (else it is
// no stream gap and is skipped) and what the stream leaks.
func TestAttack55cLineTableNearShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 0xc))
	nicks := []string{"小叶", "阿星", "小叶子呀", "Kitty"}
	type shape struct {
		name   string
		header string
		row    func(i int, nick, m string) string
		before []string // lines before the header
		gap    bool     // a blank line between header and rows
	}
	shapes := []shape{
		{name: "quoted", header: `"编号","联系人","手机"`, row: func(i int, n, m string) string { return fmt.Sprintf(`"%d","%s","%s"`, i, n, m) }},
		{name: "semicolon", header: "编号;联系人;手机", row: func(i int, n, m string) string { return fmt.Sprintf("%d;%s;%s", i, n, m) }},
		{name: "tab", header: "编号\t联系人\t手机", row: func(i int, n, m string) string { return fmt.Sprintf("%d\t%s\t%s", i, n, m) }},
		{name: "bom", header: "\ufeff编号,联系人,手机", row: func(i int, n, m string) string { return fmt.Sprintf("%d,%s,%s", i, n, m) }},
		{name: "title line before", header: "编号,联系人,手机", before: []string{"客户导出 第1页"}, row: func(i int, n, m string) string { return fmt.Sprintf("%d,%s,%s", i, n, m) }},
		{name: "empty cell", header: "编号,联系人,手机,备注", row: func(i int, n, m string) string { return fmt.Sprintf("%d,%s,%s,", i, n, m) }},
	}
	for _, sh := range shapes {
		lines := append(append([]string{}, sh.before...), sh.header)
		for i := 1; i <= 8; i++ {
			lines = append(lines, sh.row(i, nicks[i%len(nicks)], synth.CNMobile(r)))
		}
		body := strings.Join(lines, "\n") + "\n"
		res, err := Inspect(testEngine(t), []byte(body), "text/plain; charset=utf-8", "", Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		buffered := 0
		for _, n := range nicks {
			if strings.Contains(string(res.Body), n) {
				buffered++
			}
		}
		if buffered > 0 {
			t.Logf("%s: buffered keeps %d nicknames raw too: no stream gap", sh.name, buffered)
			continue
		}
		for _, how := range []string{"lines", "ws", "sse"} {
			out := fix55TableOut(t, how, lines)
			for _, n := range nicks {
				if strings.Contains(out, n) {
					t.Errorf("%s, %s: nickname %q went out raw (buffered masks it): %.200q", sh.name, how, n, out)
					break
				}
			}
		}
	}
}
