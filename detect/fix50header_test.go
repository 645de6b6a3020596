package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix50HeaderKept (F6): a header's cells are labels, never values:
// after a tab or a pipe (TSV, a pipe table without outer pipes) the
// label after 联系人 or 姓名 is kept, in every shape of header.
func TestFix50HeaderKept(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 6))
	e := attack49bEngine()
	for _, head := range []string{"联系人\t手机", "姓名\t手机号码", "联系人 | 手机", "联系人|手机", "姓名\t电话\t地址"} {
		m := synth.CNMobile(r)
		bare, sep := "\t", "\t"
		if strings.Contains(head, "|") {
			bare, sep = "|", " | "
		}
		extra := strings.Count(head, bare) - 1 // a row has as many cells as its header
		text := head + "\n小叶" + sep + m + strings.Repeat(sep, extra) + "\n"
		out, _ := fix49Redact(t, e, text)
		if !strings.HasPrefix(out, head+"\n") || strings.Contains(out, "小叶") {
			t.Errorf("%q -> %q: want the header kept and the name masked", text, out)
		}
	}
}
