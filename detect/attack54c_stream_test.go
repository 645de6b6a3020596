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

// attack54cOpenQuoteExport returns a CSV export under 序号,联系人,手机,备注
// whose row at 'at' opens a quoted remark that never closes, followed by
// remark lines of gap bytes in all (no comma: lines that fit no header),
// then more rows.
func attack54cOpenQuoteExport(r *rand.Rand, rows, at, gap int, lineLen int) string {
	var b strings.Builder
	b.WriteString("序号,联系人,手机,备注\n")
	for i := range rows {
		if i == at {
			fmt.Fprintf(&b, "%d,%s,%s,\"备注开始\n", i, attack53aNicks[r.IntN(3)], synth.CNMobile(r))
			for n := 0; n < gap; n += lineLen + 1 {
				b.WriteString(strings.Repeat("x", lineLen) + "\n")
			}
			continue
		}
		fmt.Fprintf(&b, "%d,%s,%s,无\n", i, attack53aNicks[r.IntN(3)], synth.CNMobile(r))
	}
	return b.String()
}

// TestAttack54cUnclosedQuoteThenRemarkLine (attack54c F4): a CSV export
// whose remark cell opens a quote that never closes (a stray '"' typed
// in a remark) and goes on over a line of its own before the next row:
// every nickname of every later row goes out raw, in the whole text and
// streamed (600 rows: about 400 raw). fix54stream says a quote not closed
// within maxQuotedCell keeps the table, the lines that do not fit the
// header passed over as the open cell's until a line fits; the rows here
// fit the header, yet the table ends. With no remark line after the open
// quote, the rows are masked. Should: no nickname raw, every row's name
// counted, streamed output equal to the whole text's.
func TestAttack54cUnclosedQuoteThenRemarkLine(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("attack54c")})
	r := rand.New(rand.NewPCG(54, 5))
	for _, c := range []struct{ at, gap, lineLen int }{{3, 20, 20}, {3, 100, 60}, {300, 3000, 60}, {3, 20 << 10, 60}} {
		text := attack54cOpenQuoteExport(r, 600, c.at, c.gap, c.lineLen)
		want, fs := e.Redact([]byte(text))
		if n := attack53aRawNicks(want); n != 0 || countCategory(fs, detect.CNName) < 600 {
			t.Errorf("open quote at row %d, %d B of remark lines: %d nicknames raw, %d names counted of 600", c.at, c.gap, n, countCategory(fs, detect.CNName))
		}
		if got := streamRedacted(t, e, text, 4<<10); !bytes.Equal(got, want) {
			t.Errorf("open quote at row %d, %d B of remark lines: the streamed output differs from the whole text's (%d raw streamed)", c.at, c.gap, attack53aRawNicks(got))
		}
	}
}
