package bodyformat

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// linesOf returns an NDJSON body with one line per piece, each line
// made by line(piece).
func linesOf(pieces []string, line func(string) string) []byte {
	var b bytes.Buffer
	for _, p := range pieces {
		b.WriteString(line(p))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// joinLines parses every line of body as JSON and joins what get
// returns of each: what the client shows.
func joinLines(t *testing.T, body []byte, get func(map[string]any) string) string {
	t.Helper()
	var out strings.Builder
	for line := range bytes.SplitSeq(body, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out.WriteString(get(m))
	}
	return out.String()
}

// TestNDJSONReasoningJoined: Ollama streams a thinking model's
// reasoning as application/x-ndjson, one "thinking" delta a line (generate)
// or message.thinking (chat), and its CLI and SDKs print the deltas joined.
// An identifier split across them is one number on the user's screen.
// (Issue 9, attack pass 30 F1: "thinking" was none of joinedKeys, so a
// JSON line's member under it was read in its line only.)
func TestNDJSONReasoningJoined(t *testing.T) {
	eng := testEngine(t)
	r := rng("ndjson thinking")
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	secret := "手机 " + mobile + " 身份证 " + id
	pieces := synth.RunePieces(secret, 3)
	rows := []struct {
		name string
		line func(string) string
		get  func(map[string]any) string
	}{
		{"generate thinking", func(p string) string {
			return `{"model":"qwen3","created_at":"2026-12-06T10:00:00Z","response":"","thinking":` + strconv.Quote(p) + `,"done":false}`
		}, func(m map[string]any) string { s, _ := m["thinking"].(string); return s }},
		{"chat message.thinking", func(p string) string {
			return `{"model":"qwen3","message":{"role":"assistant","content":"","thinking":` + strconv.Quote(p) + `},"done":false}`
		}, func(m map[string]any) string {
			msg, _ := m["message"].(map[string]any)
			s, _ := msg["thinking"].(string)
			return s
		}},
		{"reasoning", func(p string) string {
			return `{"reasoning":` + strconv.Quote(p) + `}`
		}, func(m map[string]any) string { s, _ := m["reasoning"].(string); return s }},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			body := linesOf(pieces, row.line)
			if shown := joinLines(t, body, row.get); shown != secret {
				t.Fatalf("fixture reassembles to %q", shown)
			}
			res := mustInspect(t, eng, body, "application/x-ndjson", "", Redact)
			shown := joinLines(t, res.Body, row.get)
			for _, v := range []string{mobile, id} {
				if strings.Contains(shown, v) {
					t.Errorf("client shows a raw identifier: %q", shown)
				}
			}
		})
	}
}

// TestAppendedKey checks which keys of JSON lines a client appends: text
// keys and a model's reasoning, whole or as the last word of a compound
// key, and not a record's keys, nor compounds whose last word is another.
func TestAppendedKey(t *testing.T) {
	for key, want := range map[string]bool{
		"thinking": true, "Thinking": true, "reasoning": true, "REASONING": true,
		"reasoning_content": true, "reasoningContent": true, "output_text": true,
		"text_delta": true, "response": true, "content": true, "partial-text": true,
		"value": false, "note": false, "source": false, "part_no": false,
		"token_count": false, "thinking_budget": false, "reasoningEffort": false,
		"": false, "textual": false, strings.Repeat("a", 30) + "_text": false,
	} {
		if got := appendedKey([]byte(key)); got != want {
			t.Errorf("appendedKey(%q) = %v, want %v", key, got, want)
		}
	}
}
