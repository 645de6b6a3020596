//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestComplexityStreamArgsCountedByValue checks that counting tool
// arguments' values once (countEvent re-reads an event's other strings;
// countedIDs keeps at most maxArgCounted values, dropping the oldest
// half past it) costs linear time: OpenAI chat deltas, each with a
// mobile in its content and distinct mobiles in its arguments, for 8n
// bytes cost at most 8.8 times the engine's steps for n.
func TestComplexityStreamArgsCountedByValue(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	events := func(n int) []byte {
		var b strings.Builder
		for b.Len() < n {
			m := synth.CNMobile(r)
			args := `"` + synth.CNMobile(r) + `", "` + m + `", `
			if b.Len() == 0 {
				args = `{"a": [` + args
			}
			b.WriteString(`data: {"choices":[{"delta":{"content":` + jsonString("call "+m+" now") + `,"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(args) + "}}]}}]}\n\n")
		}
		b.WriteString(`data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"x\"]}"}}]}}]}` + "\n\n")
		return []byte(b.String())
	}
	const n = 64 << 10
	smallBody, largeBody := events(n), events(8*n)
	small, _ := streamSteps(t, eng, StreamEvents, smallBody)
	large, _ := streamSteps(t, eng, StreamEvents, largeBody)
	scale := float64(len(largeBody)) / float64(len(smallBody))
	if float64(large) > 1.1*scale*float64(small) {
		t.Errorf("%d steps for %d bytes, %d for %d", small, len(smallBody), large, len(largeBody))
	}
	t.Logf("%d steps for %d bytes, %d for %d", small, len(smallBody), large, len(largeBody))
}
