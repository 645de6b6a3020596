package caddymodule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestJSONSeqStreamed: application/json-seq is one of the line
// streams the handler redacts as they flow (isLineStream); a client joins
// each record's "text". (Issue 9, attack pass 30 F5: a record starting with
// RS was read as text, never joined.)
func TestJSONSeqStreamed(t *testing.T) {
	var events []string
	for _, p := range synth.RunePieces("证件 "+testID+" 手机 "+testMobile, 4) {
		events = append(events, "\x1e{\"text\":"+strconv.Quote(p)+"}\n")
	}
	out := streamThrough(t, "application/json-seq", events)
	dec := json.NewDecoder(bytes.NewReader(bytes.ReplaceAll([]byte(out), []byte("\x1e"), nil)))
	var shown strings.Builder
	for {
		var m struct{ Text string }
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%v in %q", err, out)
		}
		shown.WriteString(m.Text)
	}
	assertNoRaw(t, "json-seq client", shown.String())
}

// TestOllamaThinkingStreamed: Ollama's NDJSON "thinking" deltas
// through the handler. (Issue 9, attack pass 30 F1.)
func TestOllamaThinkingStreamed(t *testing.T) {
	var events []string
	for _, p := range synth.RunePieces("证件 "+testID+" 手机 "+testMobile, 3) {
		events = append(events, `{"model":"qwen3","message":{"role":"assistant","content":"","thinking":`+strconv.Quote(p)+`},"done":false}`+"\n")
	}
	out := streamThrough(t, "application/x-ndjson", events)
	var shown strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m struct{ Message struct{ Thinking string } }
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		shown.WriteString(m.Message.Thinking)
	}
	assertNoRaw(t, "ollama client", shown.String())
}

// TestJoinFieldsEvicted: the joiner follows at most 32 fields
// (maxFields) and forgets the least recently seen. An event holding the
// start of a number in delta.content, then an event of 40 other string
// fields (a tool result, metadata), then the rest of the number: the
// client still joins delta.content. (Issue 9, attack pass 30 F9: with
// 3 digits in the first event the field was forgotten, its held piece
// masked as an open tail, and the 8 digits that followed went out raw,
// "***68066128": the middle digits a partial mask hides showed.) With 20
// other fields (within maxFields) the number is masked.
func TestJoinFieldsEvicted(t *testing.T) {
	for _, split := range []int{3, 7} {
		t.Run(strconv.Itoa(split), func(t *testing.T) {
			ev := func(s string) string {
				return `data: {"choices":[{"index":0,"delta":{"content":` + strconv.Quote(s) + `}}]}` + "\n\n"
			}
			var meta strings.Builder
			meta.WriteString(`data: {"meta":{`)
			for k := range 40 {
				if k > 0 {
					meta.WriteString(",")
				}
				fmt.Fprintf(&meta, `"k%d":"v%d"`, k, k)
			}
			meta.WriteString("}}\n\n")
			events := []string{ev("手机 " + testMobile[:split]), meta.String(), ev(testMobile[split:] + " 好")}
			out := streamThrough(t, "text/event-stream", events)
			var shown strings.Builder
			for _, d := range eventData(out) {
				var m struct {
					Choices []struct{ Delta struct{ Content string } }
				}
				if err := json.Unmarshal([]byte(d), &m); err != nil {
					t.Fatal(err)
				}
				for _, c := range m.Choices {
					shown.WriteString(c.Delta.Content)
				}
			}
			assertNoRaw(t, "client text", shown.String())
			if strings.Contains(shown.String(), testMobile[3:7]) {
				t.Errorf("the masked digits show: %q", shown.String())
			}
		})
	}
}
