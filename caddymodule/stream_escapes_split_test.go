package caddymodule

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamToolArgumentsEscaped: an LLM's tool call arguments stream
// as a JSON text in pieces (Anthropic input_json_delta.partial_json,
// OpenAI tool_calls[].function.arguments); the SDK joins the pieces and
// parses them, so a \u escape inside the arguments is a digit to it.
// Digits escaped inside the joined arguments and split across events.
// The mask covers whole escapes: the joined arguments still parse, and
// no escaped digit a mask hides is left (attack 30, F6).
func TestStreamToolArgumentsEscaped(t *testing.T) {
	escape := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			fmt.Fprintf(&b, `\u%04x`, c)
		}
		return b.String()
	}
	for _, args := range []string{
		`{"phone": "` + escape(testMobile) + `", "id": "` + escape(testID) + `"}`,
		`{"id": "` + escape(testID) + `"}`,
	} {
		assertToolArgumentsEscaped(t, args, escape)
	}
}

func assertToolArgumentsEscaped(t *testing.T, args string, escape func(string) string) {
	pieces := synth.RunePieces(args, 7)
	rows := []struct {
		name  string
		event func(string) string
		get   func(map[string]any) string
	}{
		{"anthropic", func(p string) string {
			d, _ := json.Marshal(map[string]any{"type": "content_block_delta", "index": 1, "delta": map[string]any{"type": "input_json_delta", "partial_json": p}})
			return "event: content_block_delta\ndata: " + string(d) + "\n\n"
		}, func(m map[string]any) string {
			d, _ := m["delta"].(map[string]any)
			s, _ := d["partial_json"].(string)
			return s
		}},
		{"openai", func(p string) string {
			d, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion.chunk", "choices": []any{map[string]any{"index": 0, "delta": map[string]any{"tool_calls": []any{map[string]any{"index": 0, "function": map[string]any{"arguments": p}}}}}}})
			return "data: " + string(d) + "\n\n"
		}, func(m map[string]any) string {
			c := m["choices"].([]any)[0].(map[string]any)["delta"].(map[string]any)["tool_calls"].([]any)[0].(map[string]any)["function"].(map[string]any)
			s, _ := c["arguments"].(string)
			return s
		}},
	}
	for _, row := range rows {
		t.Run(row.name+" "+strconv.Itoa(len(args)), func(t *testing.T) {
			var events []string
			for _, p := range pieces {
				events = append(events, row.event(p))
			}
			out := streamThrough(t, "text/event-stream", events)
			var joined strings.Builder
			for _, d := range eventData(out) {
				var m map[string]any
				if err := json.Unmarshal([]byte(d), &m); err != nil {
					t.Fatalf("event %q: %v", d, err)
				}
				joined.WriteString(row.get(m))
			}
			var argsOut map[string]string
			if err := json.Unmarshal([]byte(joined.String()), &argsOut); err != nil {
				// the SDK's strict parse fails, its partial-JSON parser (the
				// one that shows tool input as it streams) reads up to the
				// broken escape
				t.Errorf("redacted arguments no longer parse: %q", joined.String())
			}
			// the digits a partial mask hides, escaped
			for _, hidden := range []string{escape(testMobile[3:7]), escape(testID[4:14])} {
				if strings.Contains(joined.String(), hidden) {
					t.Errorf("the digits a mask hides are still there, escaped: %q", joined.String())
				}
			}
			t.Logf("arguments parse to %v", argsOut)
			if argsOut["phone"] == testMobile || argsOut["id"] == testID {
				t.Errorf("SDK parses raw arguments %v from %q", argsOut, joined.String())
			}
		})
	}
}

// TestStreamSSETextEscapesSplit: plain server-sent event data (a
// json.dumps'd Python string without its quotes, as issue 9 describes)
// holding \u-escaped digits, the events cut inside an escape. A client
// that unescapes the joined data reads the identifier: cuts inside an
// escape (5, 7, 13 characters a piece) and between escapes (6, 12, 60)
// are masked alike (attack 30, F7).
func TestStreamSSETextEscapesSplit(t *testing.T) {
	var esc strings.Builder
	for _, c := range "证件 " + testID + " 手机 " + testMobile {
		fmt.Fprintf(&esc, `\u%04x`, c)
	}
	for _, n := range []int{5, 7, 13, 6, 12, 60} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var events []string
			for _, p := range synth.RunePieces(esc.String(), n) {
				events = append(events, "data: "+p+"\n\n")
			}
			out := streamThrough(t, "text/event-stream", events)
			joined := strings.Join(eventData(out), "")
			var s string
			if err := json.Unmarshal([]byte(`"`+joined+`"`), &s); err != nil {
				t.Logf("joined data no longer unescapes: %v", err)
				s = joined
			}
			assertNoRaw(t, "unescaped data", s)
			for _, hidden := range []string{testMobile[3:7], testID[4:14]} {
				var e strings.Builder
				for _, c := range hidden {
					fmt.Fprintf(&e, `\u%04x`, c)
				}
				if strings.Contains(joined, e.String()) {
					t.Errorf("masked digits still there escaped: %q", joined)
				}
			}
		})
	}
}
