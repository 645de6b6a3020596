//go:build detectsteps

package bodyformat

import (
	"bytes"
	"strings"
	"testing"
)

// TestStepsDeflateHead checks that telling a zlib stream or raw deflate
// from other bytes costs the same on a large body as on a small one: the
// head is read to sniffLen bytes at most, whatever follows.
func TestStepsDeflateHead(t *testing.T) {
	m := newMeter(Limits{}.withDefaults())
	for name, unit := range map[string][]byte{
		"text":         deflateOf(strings.Repeat("lorem ipsum 12345 ", 1<<12)),
		"zeros":        make([]byte, 1<<10),
		"stored block": {0x00, 0xff, 0xff, 0x00, 0x00},
		"bytes":        {0x02, 0x31, 0x33, 0x38, 0x00, 0xff, 0x10, 0x20, 0x30},
	} {
		for _, zl := range []bool{false, true} {
			var most int64
			for _, n := range []int{stepsUnit, 8 * stepsUnit} {
				b := bytes.Repeat(unit, n/len(unit)+1)
				if zl {
					b = append([]byte{0x78, 0x9c}, b...)
				}
				resetReadingSteps()
				if _, err := deflateHead(b, zl, m); err != nil {
					t.Fatal(err)
				}
				most = max(most, readingSteps.Load())
			}
			if most > 2*sniffLen+maxStalls+2 {
				t.Errorf("%s (zlib %v): %d steps", name, zl, most)
			}
		}
	}
}

// TestStepsDeflateMembers checks that reading concatenated members opens
// each once: the steps grow with the members, linearly.
func TestStepsDeflateMembers(t *testing.T) {
	for name, unit := range map[string][]byte{
		"zlib":    zlibOf(`{"op":"ping"}`),
		"deflate": deflateOf(`{"op":"ping"}`),
		"empty":   {0x03, 0x00},
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := bytes.Repeat(unit, n/len(unit)+1)
			lim := Limits{MaxParts: 1 << 30}.withDefaults()
			resetReadingSteps()
			if _, _, err := inflateMembers(b, zlibHeader(b), "deflate", lim, newMeter(lim)); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return readingSteps.Load()
		})
	}
}
