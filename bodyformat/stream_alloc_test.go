//go:build !race

package bodyformat

import (
	"io"
	"runtime"
	"strings"
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

// TestStreamPathsAllocation: jsonStrings builds the path of a member or
// element only when a string lies under it. An event {"<250-byte
// key>":[0,0,0,…]} had a 250-byte path built every two bytes, about 330
// bytes allocated a byte of stream, three times the bound
// TestStreamTinyEventsAllocation sets for streams (attack pass 32, F7);
// with a one-byte key or a long one it now costs the same.
func TestStreamPathsAllocation(t *testing.T) {
	const maxPerByte = 100
	eng := testEngine(t)
	for _, keyLen := range []int{1, 250} {
		var body strings.Builder
		for body.Len() < 512<<10 {
			body.WriteString(`data: {"` + strings.Repeat("k", keyLen) + `":[` + strings.Repeat("0,", 16<<10) + "0]}\n\n")
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		streamInKiB(t, NewStream(eng, io.Discard, StreamEvents, StreamOptions{Mode: Redact}), []byte(body.String()))
		runtime.ReadMemStats(&after)
		if per := float64(after.TotalAlloc-before.TotalAlloc) / float64(body.Len()); per > maxPerByte {
			t.Errorf("key of %d bytes: %.0f bytes allocated a byte of stream, want at most %d", keyLen, per, maxPerByte)
		}
	}
}
