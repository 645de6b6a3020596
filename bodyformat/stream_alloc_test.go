//go:build !race

package bodyformat

import (
	"io"
	"runtime"
	"testing"
)

// TestStreamTinyEventsAllocation bounds what a stream of tiny events
// allocates per byte: each event is read by the stream's one inspector,
// whose buffers and key-hint cache (4 KiB) serve every event. A cache made
// per event cost 505 bytes a byte of {"c":"1 "} lines; about 66 now. (Not
// under the race detector, whose shadow memory counts as allocation.)
func TestStreamTinyEventsAllocation(t *testing.T) {
	const maxPerByte = 100
	eng := testEngine(t)
	for name, c := range map[string]struct {
		body []byte
		kind StreamKind
	}{
		"ndjson": {craftedLines(256 << 10), StreamLines},
		"sse":    {craftedEvents(256 << 10), StreamEvents},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		streamInKiB(t, NewStream(eng, io.Discard, c.kind, StreamOptions{Mode: Redact}), c.body)
		runtime.ReadMemStats(&after)
		if per := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(c.body)); per > maxPerByte {
			t.Errorf("%s: %.0f bytes allocated a byte, want at most %d", name, per, maxPerByte)
		}
	}
}
