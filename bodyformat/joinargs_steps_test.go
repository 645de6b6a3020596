//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// argEvents returns Anthropic input_json_delta events streaming the
// arguments doc(n) gives, cut every cut bytes.
func argEvents(n int, doc func(n int) string, cut int) []byte {
	var b strings.Builder
	text := doc(n)
	for i := 0; i < len(text); i += cut {
		b.WriteString(`data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(text[i:min(len(text), i+cut)]) + "}}\n\n")
	}
	return []byte(b.String())
}

// TestComplexityStreamToolArguments checks that a tool call's arguments,
// held until their JSON document is whole and read as JSON then
// (joinargs.go), cost linear time: many small documents (each lexed once
// and read once) and one huge document past maxArgDoc (read in windows,
// joinargs_window.go: each byte walked at most twice). The engine's steps
// and the joined text it reads for 8n bytes are at most 8.8 times those
// for n, and the joined text read is a bounded multiple of what was
// streamed. So are 1 MiB of arguments padded past the bound (one long
// member before a split mobile, many members, members nested deep under
// long keys: the windows' openers), against 128 KiB.
func TestComplexityStreamToolArguments(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct {
		name string
		doc  func(n int) string
	}{
		{"many small documents", func(n int) string {
			return strings.Repeat(`{"tel": [159, 2972, 3085], "a": "1 2"}`, max(1, n/(38*12)))
		}},
		{"one huge document", func(n int) string {
			return `{"a": [` + strings.Repeat(`"1 2", `, max(1, n/(7*4))) + `"3"]}` // (past maxArgDoc at n already)
		}},
	} {
		const n = 64 << 10
		smallBody, largeBody := argEvents(n, c.doc, 5), argEvents(8*n, c.doc, 5)
		small, smallJoin := streamSteps(t, eng, StreamEvents, smallBody)
		large, largeJoin := streamSteps(t, eng, StreamEvents, largeBody)
		scale := float64(len(largeBody)) / float64(len(smallBody))
		if float64(large) > 1.1*scale*float64(small) {
			t.Errorf("%s: %d steps for %d bytes, %d for %d", c.name, small, len(smallBody), large, len(largeBody))
		}
		if float64(largeJoin) > 1.1*scale*float64(smallJoin) {
			t.Errorf("%s: %d bytes of joined text read for %d bytes, %d for %d", c.name, smallJoin, len(smallBody), largeJoin, len(largeBody))
		}
		// each 5-byte piece is read with its open tail and context
		// (TestComplexityStreamJoinReadsPieceAndConstant), each document
		// once more at most, in several readings of the joined text
		if limit := int64(len(largeBody)) * 8; largeJoin > limit {
			t.Errorf("%s: %d bytes of joined text read for %d bytes streamed", c.name, largeJoin, len(largeBody))
		}
	}
	for _, c := range []struct {
		name string
		doc  func(n int) string
	}{
		{"one long member", func(n int) string {
			return `{"pad": "` + strings.Repeat("word ", n/5) + `", "tel1": "134", "tel2": "2285", "tel3": "7702"}`
		}},
		{"many members", func(n int) string {
			return `{` + strings.Repeat(`"k": "word 1", "n": 12, `, n/24) + `"tel1": "134", "tel2": "2285", "tel3": "7702"}`
		}},
		{"deep under long keys", func(n int) string {
			key := `"` + strings.Repeat("k", maxKeyBytes) + `": `
			open := strings.Repeat(key+`{`, argMaxDepth-2)
			return `{` + open + strings.Repeat(`"k": "word 1", `, n/15) + `"tel1": "134", "tel2": "2285", "tel3": "7702"` + strings.Repeat(`}`, argMaxDepth-1)
		}},
	} {
		const n = 128 << 10
		smallBody, largeBody := argEvents(n, c.doc, 64), argEvents(8*n, c.doc, 64)
		small, smallJoin := streamSteps(t, eng, StreamEvents, smallBody)
		large, largeJoin := streamSteps(t, eng, StreamEvents, largeBody)
		if float64(large) > 8.8*float64(small) {
			t.Errorf("%s: %d steps for %d bytes of arguments, %d for %d", c.name, small, len(c.doc(n)), large, len(c.doc(8*n)))
		}
		if float64(largeJoin) > 8.8*float64(smallJoin) {
			t.Errorf("%s: %d bytes of joined text read for %d bytes of arguments, %d for %d", c.name, smallJoin, len(c.doc(n)), largeJoin, len(c.doc(8*n)))
		}
		// each piece read in its field twice (path, and block and path),
		// each time with its open tail and context, and walked at most
		// twice, after at most maxArgDoc/2 bytes of openers a walk
		if limit := int64(len(c.doc(8*n))) * 16; largeJoin > limit {
			t.Errorf("%s: %d bytes of joined text read for %d bytes of arguments", c.name, largeJoin, len(c.doc(8*n)))
		}
		t.Logf("%s: %d steps, %d bytes read for %d bytes of arguments; %d, %d for %d", c.name, small, smallJoin, len(c.doc(n)), large, largeJoin, len(c.doc(8*n)))
	}
}
