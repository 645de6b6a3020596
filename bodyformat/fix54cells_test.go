package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix54DelimitedMaskKeepsCells (fix54mobile, issue #9 item 1): a
// mobile the delimited reading joins behind its label across a cell
// separator (手机,1391,2345678 in CSV, | 手机 | 1391|2345678 | in a
// Markdown table, a tab, a ';') is masked digit by digit with the
// separators kept: each line keeps as many separators as it had (the row
// its cells), the digits are gone, and every other line and cell is kept
// byte for byte. The mask used to cover the separators (139****5678: two
// cells made one, the row's later columns shifted).
func TestFix54DelimitedMaskKeepsCells(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 10 {
		m := synth.CNMobile(r)
		for _, c := range []struct{ ct, sep, head, row string }{
			{"text/csv", ",", "字段,值,备注\n", "手机," + m[:4] + "," + m[4:] + ",已确认\n"},
			{"text/csv", ",", "id,note\n", "7,手机," + m[:3] + "," + m[3:7] + "," + m[7:] + "\n"},
			{"text/plain", ";", "记录\n", "手机;" + m[:4] + ";" + m[4:] + ";x\n"},
			{"text/plain", "\t", "记录\n", "手机\t" + m[:4] + "\t" + m[4:] + "\t已确认\n"},
			{"text/markdown", "|", "| 字段 | 值 | 备注 |\n|---|---|---|\n", "| 手机 | " + m[:4] + "|" + m[4:] + " | 无 |\n"},
			{"text/plain", "|", "", "客服电话 " + m[:5] + "|" + m[5:] + "\n"},
		} {
			body := c.head + c.row
			res := mustInspect(t, eng, []byte(body), c.ct, "", Redact)
			out := string(res.Body)
			if strings.Contains(strings.NewReplacer(c.sep, "", " ", "").Replace(out), m) || strings.Contains(out, m[4:]) {
				t.Errorf("%s %q -> %q: the mobile goes out raw", c.ct, body, out)
				continue
			}
			if !strings.HasPrefix(out, c.head) {
				t.Errorf("%s %q -> %q: the lines before altered", c.ct, body, out)
			}
			row := strings.TrimPrefix(out, c.head)
			if strings.Count(row, c.sep) != strings.Count(c.row, c.sep) || strings.Count(out, "\n") != strings.Count(body, "\n") {
				t.Errorf("%s %q -> %q: the row's cells changed", c.ct, body, out)
			}
			in, got := strings.Split(c.row, c.sep), strings.Split(row, c.sep)
			clean := func(cell string) bool { return !strings.ContainsAny(cell, "0123456789") }
			if len(in) == len(got) && (clean(in[0]) && in[0] != got[0] || clean(in[len(in)-1]) && in[len(in)-1] != got[len(got)-1]) {
				t.Errorf("%s %q -> %q: the clean cells altered", c.ct, body, out)
			}
		}
	}
}
