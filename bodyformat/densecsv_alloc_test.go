//go:build !race

package bodyformat

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDenseCSVAllocationPerByte: inspecting 1 MiB of dense customer
// records (synth.CustomersCSV: a name, an ID, a mobile, an email, an
// address and a card a line) as the handler does (a few samples, the
// findings dropped but those) allocates a bounded number of bytes per
// byte of the body. Each merge of a reading's findings copied and sorted
// every finding, and the reading of number words (a mobile before an
// email's pinyin: 13812345678,liu.wei@…) was built in arrays of its own,
// 5 bytes a byte: 22.6 bytes a byte in all. Now ordered lists merge in one
// pass, over the first when the merge fits in it, and the number words
// are built in a readingBuf: 16 to 21 here, as collections empty
// readingBufs or not (25.5 before), 11.4 with them warm.
func TestDenseCSVAllocationPerByte(t *testing.T) {
	eng := testEngine(t)
	body := synth.CustomersCSV(rand.New(rand.NewPCG(1, 1<<20)), 1<<20)
	lim := Limits{Samples: 10, SamplesOnly: true}
	inspect := func() {
		if _, err := Inspect(eng, body, "text/plain; charset=utf-8", "", Redact, lim); err != nil {
			t.Fatal(err)
		}
	}
	inspect() // the reading buffers warm, as in a server
	const runs = 3
	per := allocatedPerByte(runs*len(body), func() {
		for range runs {
			inspect()
		}
	})
	t.Logf("csv: %.2f bytes allocated per input byte", per)
	if per > 23 {
		t.Errorf("csv: inspecting dense records allocates %.2f bytes per input byte, want at most 23", per)
	}
}
