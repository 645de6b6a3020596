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

// TestFix54StreamLongRowsKeepHeader (issue #9, fix54stream item 2): an
// export whose rows hold a remark longer than the stream's 4 KiB hold
// (a pasted log, a long note). A cut falling in such a row could not
// move back to the row's start (streamHold bytes at most), so it carried
// no header, and every row of the next chunks went out with its
// nickname raw, where the whole text masks them all. Should: the
// streamed output equals the whole text's, in every write size, with
// remarks plain and quoted (a quoted one holding line
// ends, which a CSV reader keeps in the cell) beside the long cell.
func TestFix54StreamLongRowsKeepHeader(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fix54")})
	for _, quoted := range []bool{false, true} {
		r := rand.New(rand.NewPCG(54, 2))
		var b strings.Builder
		b.WriteString("序号,联系人,手机,备注,附件\n")
		const rows = 600
		for i := range rows {
			note, file := "ok", "-"
			if i%3 == 0 {
				file = strings.Repeat("x", 4<<10+r.IntN(12<<10))
				if quoted {
					note = `"` + strings.Repeat("已签收；放门口\n", 1+r.IntN(40)) + `"`
				}
			}
			fmt.Fprintf(&b, "%d,%s,%s,%s,%s\n", i, attack53aNicks[r.IntN(3)], synth.CNMobile(r), note, file)
		}
		text := b.String()
		want, _ := e.Redact([]byte(text))
		if n := attack53aRawNicks(want); n != 0 {
			t.Fatalf("quoted %v: the whole text keeps %d nicknames raw (fixture)", quoted, n)
		}
		for _, size := range []int{4093, 32 << 10, 1 << 20} {
			got := attack53aStream(t, e, text, size)
			if n := attack53aRawNicks(got); n != 0 || !bytes.Equal(got, want) {
				t.Errorf("quoted %v, writes of %d: %d of %d nicknames raw in the streamed output, 0 in the whole text's", quoted, size, n, rows)
			}
		}
	}
}
