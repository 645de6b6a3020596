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
// and read once) and one huge document past maxArgDoc (read as text only
// from the bound on, never again whole). The engine's steps and the
// joined text it reads for 8n bytes are at most 8.8 times those for n,
// and the joined text read is a bounded multiple of what was streamed.
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
			return `{"a": [` + strings.Repeat(`"1 2", `, max(1, n/(7*12))) + `"3"]}`
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
}
