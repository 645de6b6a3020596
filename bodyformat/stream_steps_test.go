//go:build detectsteps

package bodyformat

import (
	"io"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityStreamJoin checks that joining a field's text across its
// pieces costs linear time, even for one field repeated in an event
// (duplicate keys) or across events whose digits keep it open: the engine
// steps for 8n bytes are at most 8.8 times those for n.
func TestComplexityStreamJoin(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct {
		name string
		gen  func(n int) string
	}{
		{"duplicate keys", func(n int) string {
			return "data: {" + strings.Repeat(`"a":"1",`, n/8) + `"b":0}` + "\n\n"
		}},
		{"digit events", func(n int) string {
			return strings.Repeat("data: {\"c\":\"1\"}\n\n", n/17)
		}},
	} {
		steps := func(n int) int64 {
			detect.ResetSteps()
			s := NewStream(eng, io.Discard, StreamEvents, StreamOptions{Mode: Redact, MaxEvent: 1 << 20, MaxHeld: 1 << 20})
			if _, err := s.Write([]byte(c.gen(n))); err != nil {
				t.Fatal(err)
			}
			s.Close()
			return detect.Steps()
		}
		// past a few KiB a field's held text is at its bound (joinWindow):
		// from there on the cost per byte is flat
		small, large := steps(128<<10), steps(1<<20)
		if float64(large) > 8.8*float64(small) {
			t.Errorf("%s: %d steps at 128 KiB, %d at 1 MiB: ×%.1f", c.name, small, large, float64(large)/float64(small))
		}
	}
}
