package bodyformat

import (
	"bytes"
	"strings"
	"testing"
)

// countingMemory is a Memory that grants every charge and sums them.
type countingMemory struct{ charged int64 }

func (c *countingMemory) Reserve(n int64) error { c.charged += n; return nil }

// TestInnerCodingBufferCharged (issue #8): a gzip or deflate decoder
// inside another coding reads through a buffer of its own (innerBufSize),
// which was not charged to the memory budget: a chain of n gzip codings
// charged n decoder windows and none of its n-1 buffers. Each inner
// layer's buffer is now charged with its window, the outermost (reading
// the body itself) none.
func TestInnerCodingBufferCharged(t *testing.T) {
	data := []byte(strings.Repeat("opening hours nine to five. ", 4))
	for n := 1; n <= maxCodings; n++ {
		body, _ := gzipLayers(t, data, n)
		ce := strings.TrimSuffix(strings.Repeat("gzip, ", n), ", ")
		mem := &countingMemory{}
		lim := Limits{Memory: mem}.withDefaults()
		m := newMeter(lim)
		out, _, err := decode(body, ce, lim, m)
		if err != nil || !bytes.Equal(out, data) {
			t.Fatalf("%d layers: %v", n, err)
		}
		windows := int64(n) * flateCost
		buffers := int64(n-1) * innerBufSize
		output := mem.charged - windows - buffers
		if output < int64(len(data)) || output >= innerBufSize {
			t.Errorf("%d layers: charged %d, want %d for windows, %d for buffers and the output (%d bytes): buffers left out?",
				n, mem.charged, windows, buffers, len(data))
		}
	}
}
