package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack53StreamBareCRTable (attack53b F7): tableNames reads a CSV
// whose lines end in a bare '\r' (classic Mac exports, fix52cols), but
// the stream redactor cuts for a carried header only after a '\n'
// (carryHeader: bytes.LastIndexByte(…, '\n')): such an export streamed
// in chunks carries no header, and the nicknames of every chunk after
// the first go out raw, where the buffered body masks them all.
func TestAttack53StreamBareCRTable(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("stream")})
	r := rand.New(rand.NewPCG(53, 7))
	const rows = 6000
	text := attack53Export(r, "联系人,状态,手机", "\r", rows, nil)
	want, _ := e.Redact([]byte(text))
	for _, nick := range attack53Nicks {
		if bytes.Contains(want, []byte(nick)) {
			t.Fatalf("the whole text leaves %q raw: the stream has nothing to match", nick)
		}
	}
	for _, size := range []int{999, 32 << 10} {
		got := streamRedacted(t, e, text, size)
		raw := 0
		for _, nick := range attack53Nicks {
			raw += strings.Count(string(got), nick)
		}
		if raw > 0 || !bytes.Equal(got, want) {
			t.Errorf("writes of %d: %d nicknames of %d rows raw; the streamed output differs from the whole text's", size, raw, rows)
		}
	}
}
