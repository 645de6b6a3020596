package bodyformat

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix55TableOut streams lines as how carries them ("lines": a text/plain
// stream of lines; "ws": text WebSocket messages, one a line; "sse":
// one data event a line) and returns what went out.
func fix55TableOut(t *testing.T, how string, lines []string) string {
	t.Helper()
	var out bytes.Buffer
	kind := StreamLines
	if how == "sse" {
		kind = StreamEvents
	}
	s := NewStream(testEngine(t), &out, kind, StreamOptions{Mode: Redact})
	for _, l := range lines {
		var err error
		switch how {
		case "lines":
			_, err = s.Write([]byte(l + "\n"))
		case "ws":
			err = s.WriteEvent([]byte(l))
		case "sse":
			_, err = s.Write([]byte("data: " + l + "\n\n"))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestFix55LinesKeepTableHeader: a CSV export sent one row a line or a
// message, its header (编号,联系人,手机) in the first: each row was read
// alone, and the nicknames of the name column (小叶, Kitty, 小叶子呀),
// which only their column makes names, went out raw in every row, where
// the same text buffered has them masked. Now the header line is carried
// from line to line: every nickname is masked, every mobile too, and the
// header goes out byte for byte.
func TestFix55LinesKeepTableHeader(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 3))
	nicks := []string{"小叶", "Kitty", "小叶子呀", "阿星"}
	const header = "编号,联系人,手机"
	lines := []string{header}
	var mobiles []string
	for i := 1; i <= 12; i++ {
		m := synth.CNMobile(r)
		mobiles = append(mobiles, m)
		lines = append(lines, fmt.Sprintf("%d,%s,%s", i, nicks[i%len(nicks)], m))
	}
	for _, how := range []string{"lines", "ws", "sse"} {
		out := fix55TableOut(t, how, lines)
		if !strings.Contains(out, header) {
			t.Errorf("%s: header not kept: %q", how, out)
		}
		for _, n := range nicks {
			if strings.Contains(out, ","+n+",") {
				t.Errorf("%s: nickname %q went out raw: %q", how, n, out)
			}
		}
		for _, m := range mobiles {
			if strings.Contains(out, m) {
				t.Errorf("%s: mobile went out raw", how)
			}
		}
	}
}

// TestFix55LinesTableCleanKept: rows under a header with no name column
// (品牌,型号,价格), and lines after a blank line that ended a table, go
// out as they came.
func TestFix55LinesTableCleanKept(t *testing.T) {
	for _, lines := range [][]string{
		{"品牌,型号,价格", "小米,红米12,999", "华为,畅享,1299", "小叶,小叶,12"},
		{"编号,联系人,备注", "", "价格,小米,999", "today, we ship"},
	} {
		for _, how := range []string{"lines", "ws"} {
			want := strings.Join(lines, "\n") + "\n"
			if how == "ws" {
				want = strings.Join(lines, "")
			}
			if out := fix55TableOut(t, how, lines); out != want {
				t.Errorf("%s %q: out %q", how, lines, out)
			}
		}
	}
}
