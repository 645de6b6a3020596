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

// attack53aNicks are names no rule but a name column masks.
var attack53aNicks = []string{"小叶子呀", "Kitty", "阿星"}

// attack53aRawNicks counts the rows of out whose nickname cell is still
// raw.
func attack53aRawNicks(out []byte) int {
	n := 0
	for _, k := range attack53aNicks {
		n += bytes.Count(out, []byte(","+k+","))
	}
	return n
}

// TestAttack53aStreamBareCRTable (attack53a F2): tableNames reads a table
// whose lines end in a bare '\r' (fix52cols: classic Mac exports), so the
// whole text has every nickname under 联系人 masked; the stream redactor
// carries a header only to a cut it can move to a '\n' line start
// (carryHeader looks for '\n' alone), so the same export streamed keeps
// its header in the first chunk only and the nicknames of every later
// chunk go out raw. Should: the streamed output equals the whole text's.
func TestAttack53aStreamBareCRTable(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("attack53")})
	r := rand.New(rand.NewPCG(53, 1))
	var b strings.Builder
	b.WriteString("序号,联系人,手机\r")
	for i := range 6000 {
		fmt.Fprintf(&b, "%d,%s,%s\r", i, attack53aNicks[r.IntN(3)], synth.CNMobile(r))
	}
	text := b.String()
	want, _ := e.Redact([]byte(text))
	if n := attack53aRawNicks(want); n != 0 {
		t.Fatalf("the whole text keeps %d nicknames raw (fixture)", n)
	}
	for _, size := range []int{999, 32 << 10} {
		got := streamRedacted(t, e, text, size)
		if n := attack53aRawNicks(got); n != 0 || !bytes.Equal(got, want) {
			t.Errorf("writes of %d: %d of 6000 nicknames raw in the streamed output, 0 in the whole text's", size, n)
		}
	}
}

// TestAttack53aStreamHeaderAcrossCut (attack53a F3): a wide export's header
// line (here 60 columns, about 500 bytes: well under maxCarriedHeader)
// after a preamble, so that the stream's first cut falls inside the
// header line. carryHeader asks for the header in force at the line
// start before the cut, which is the header's own line, so none is in
// force and the cut stays inside the header; the next chunk holds only
// its last 256 bytes of context, the header's tail, and reads the rows
// with no header: every nickname of the export goes out raw, where the
// whole text masks them. Should: the streamed output equals the whole
// text's at every preamble length.
func TestAttack53aStreamHeaderAcrossCut(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("attack53")})
	r := rand.New(rand.NewPCG(53, 2))
	cols := []string{"序号", "联系人", "手机"}
	for i := range 57 {
		cols = append(cols, fmt.Sprintf("备注%d", i))
	}
	header := strings.Join(cols, ",")
	var rows strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&rows, "%d,%s,%s%s\n", i, attack53aNicks[r.IntN(3)], synth.CNMobile(r), strings.Repeat(",x", 57))
	}
	bad := 0
	for pre := 62 << 10; pre < 66<<10; pre += 211 {
		text := strings.Repeat("a", pre-1) + "\n" + header + "\n" + rows.String()
		want, _ := e.Redact([]byte(text))
		if n := attack53aRawNicks(want); n != 0 {
			t.Fatalf("preamble %d: the whole text keeps %d nicknames raw (fixture)", pre, n)
		}
		got := streamRedacted(t, e, text, 32<<10)
		if n := attack53aRawNicks(got); n != 0 || !bytes.Equal(got, want) {
			bad++
			t.Errorf("preamble of %d bytes: %d of 3000 nicknames raw in the streamed output, 0 in the whole text's", pre, n)
		}
	}
	t.Logf("%d preamble lengths differ", bad)
}
