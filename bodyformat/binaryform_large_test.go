//go:build !race

package bodyformat

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
)

// TestLargeRandomUploadsKept: 8 MiB of random bytes behind a binary head,
// untyped or application/octet-stream, hold tens of thousands of short
// "name=value" fields (one '=' in 256 bytes). Read alone, none holds
// anything; joined as siblings (formSiblings) their short digit values
// spelled mobiles and cards, and two blobs in twelve were refused. Each
// blob passes whole: Inspect finds nothing, and the streaming screen
// passes it byte for byte. (Not under the race detector: 96 MiB read
// twice there would take most of the package's ten minutes.)
func TestLargeRandomUploadsKept(t *testing.T) {
	if testing.Short() {
		t.Skip("8 MiB blobs")
	}
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(7, 7))
	b := make([]byte, 8<<20)
	for k := range 12 {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		b[0], b[1] = 0, 1
		res, err := Inspect(eng, b, "application/octet-stream", "", Scan, Limits{})
		if err != nil || len(res.Findings) > 0 || res.Summary.Categories != 0 {
			t.Errorf("blob %d: %v, found %v", k, err, res.Summary.Counts)
		}
		s, err := NewBinaryScreen(eng, bytes.NewReader(b), Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(s)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("blob %d through the screen: %v, %d of %d bytes", k, err, len(got), len(b))
		}
	}
}
