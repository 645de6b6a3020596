package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix52Export is a synthetic CSV export of about size bytes: a title
// line, a header with a name column (姓名 or 联系人), rows of a number,
// a nickname a name's shape does not give (小叶子呀, Kitty), a mobile
// and a city, then a blank line and a clean table of goods. It returns
// the text and the nicknames in order.
func fix52Export(r *rand.Rand, size int, label string) (string, []string) {
	var b strings.Builder
	b.WriteString("导出时间：2026-12-07\n序号," + label + ",手机,城市\n")
	mids := []rune("叶萱雪星月琪瑶莉")
	latin := []string{"Kitty", "Sandy", "Jessie", "Momo", "Coco"}
	var nicks []string
	for i := 0; b.Len() < size; i++ {
		n := "小" + string(mids[r.IntN(len(mids))]) + "子呀"
		if i%3 == 0 {
			n = latin[r.IntN(len(latin))]
		}
		nicks = append(nicks, n)
		fmt.Fprintf(&b, "%d,%s,%s,北京\n", i+1, n, synth.CNMobile(r))
	}
	b.WriteString("\n商品,数量\n苹果,3\n香蕉,12\n")
	return b.String(), nicks
}

// TestFix52StreamedTableKeepsHeader: a CSV export longer than the text
// redactor's chunk (200 KiB, 64 KiB read at a time), streamed through
// NewTextStream in writes of several sizes, has every nickname under its
// name column masked, as the buffered body has: the header, in the first
// chunk only, was lost after it (7330 of 10779 nicknames went out raw).
// The redactor carries the header line in force where it cuts. The
// streamed output is the buffered one byte for byte (the rows' other
// cells, the clean table after the blank line, the line ends).
func TestFix52StreamedTableKeepsHeader(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(52, 2))
	for _, label := range []string{"姓名", "联系人"} {
		text, nicks := fix52Export(r, 200<<10, label)
		res, err := Inspect(eng, []byte(text), "text/plain", "", Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		want := string(res.Body)
		if raw := rawNicks(want, nicks); raw != 0 {
			t.Fatalf("%s: buffered body: %d of %d nicknames raw", label, raw, len(nicks))
		}
		for _, size := range []int{1000, 7 << 10, 64 << 10, 100 << 10, len(text)} {
			var out strings.Builder
			s := NewTextStream(eng, &out, nil)
			for p := text; len(p) > 0; {
				n := min(size, len(p))
				if _, err := s.Write([]byte(p[:n])); err != nil {
					t.Fatal(err)
				}
				p = p[n:]
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if raw := rawNicks(got, nicks); raw != 0 {
				t.Errorf("%s, writes of %d: %d of %d nicknames raw", label, size, raw, len(nicks))
			}
			if got != want {
				t.Errorf("%s, writes of %d: the streamed output differs from the buffered body's", label, size)
			}
		}
	}
}

// rawNicks counts the rows of out (after its header) that hold their
// nickname raw.
func rawNicks(out string, nicks []string) int {
	lines := strings.Split(out, "\n")
	raw := 0
	for k, n := range nicks {
		if k+2 < len(lines) && strings.Contains(lines[k+2], ","+n+",") {
			raw++
		}
	}
	return raw
}
