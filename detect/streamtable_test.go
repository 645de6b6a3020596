package detect_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamCarriesTableHeader: long texts of tables (CRLF or LF line
// ends, a second table with its name column elsewhere, a table ended by
// a blank line and followed by rows of the same width that no header
// names, tab separators) streamed in writes of several sizes give the
// output of redacting the whole text: the header carried from chunk to
// chunk names the columns of the rows after it, and no more.
func TestStreamCarriesTableHeader(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("stream")})
	r := rand.New(rand.NewPCG(52, 4))
	rows := func(b *strings.Builder, n int, format, eol string) {
		for i := range n {
			fmt.Fprintf(b, format+eol, i, []string{"小叶子呀", "Kitty", "阿星"}[r.IntN(3)], synth.CNMobile(r))
		}
	}
	var crlf, two, ended, tabs strings.Builder
	crlf.WriteString("序号,联系人,手机\r\n")
	rows(&crlf, 6000, "%d,%s,%s", "\r\n")
	two.WriteString("序号,姓名,手机\n")
	rows(&two, 3000, "%d,%s,%s", "\n")
	two.WriteString("\n手机,备注,姓名\n")
	rows(&two, 3000, "%[3]s,%[1]d,%[2]s", "\n")
	ended.WriteString("序号,姓名,手机\n")
	rows(&ended, 2500, "%d,%s,%s", "\n")
	ended.WriteString("\n")
	rows(&ended, 3000, "%d,%s,%s", "\n")
	tabs.WriteString("序号\t姓名\t手机\n")
	rows(&tabs, 6000, "%d\t%s\t%s", "\n")
	for name, text := range map[string]string{"crlf": crlf.String(), "two tables": two.String(), "ended": ended.String(), "tabs": tabs.String()} {
		want, _ := e.Redact([]byte(text))
		for _, size := range []int{999, 32 << 10, len(text)} {
			got := streamRedacted(t, e, text, size)
			if !bytes.Equal(got, want) {
				t.Errorf("%s, writes of %d: the streamed output differs from the whole text's", name, size)
			}
		}
	}
}
