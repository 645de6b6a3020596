package caddymodule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// framePieces cuts s into pieces of n characters.
func framePieces(s string, n int) []string {
	rs := []rune(s)
	var out []string
	for len(rs) > n {
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return append(out, string(rs))
}

// frameStream sends events through a default handler, one write and
// flush each, and returns what the client received.
func frameStream(t *testing.T, ct string, events []string) string {
	t.Helper()
	h, logs := newHandler(t, Handler{})
	var writeErr error
	w := httptest.NewRecorder()
	if err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(streamNext(ct, events, &writeErr))); err != nil {
		t.Fatal(err)
	}
	assertLogsClean(t, logs)
	if writeErr != nil {
		return "" // cut: fails closed
	}
	return w.Body.String()
}

// frameEventData returns the data of each event of an event stream as the
// WHATWG parser dispatches it.
func frameEventData(body string) []string {
	var out []string
	var data []string
	has := false
	for _, line := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n"), "\n") {
		if line == "" {
			if has {
				out = append(out, strings.Join(data, "\n"))
			}
			data, has = nil, false
			continue
		}
		if v, ok := strings.CutPrefix(line, "data:"); ok {
			data = append(data, strings.TrimPrefix(v, " "))
			has = true
		}
	}
	return out
}

// TestJSONSeqStreamed: application/json-seq is one of the line
// streams the handler redacts as they flow (isLineStream); a client joins
// each record's "text". (Issue 9, attack pass 30 F5: a record starting with
// RS was read as text, never joined.)
func TestJSONSeqStreamed(t *testing.T) {
	var events []string
	for _, p := range framePieces("证件 "+testID+" 手机 "+testMobile, 4) {
		events = append(events, "\x1e{\"text\":"+strconv.Quote(p)+"}\n")
	}
	out := frameStream(t, "application/json-seq", events)
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
	for _, p := range framePieces("证件 "+testID+" 手机 "+testMobile, 3) {
		events = append(events, `{"model":"qwen3","message":{"role":"assistant","content":"","thinking":`+strconv.Quote(p)+`},"done":false}`+"\n")
	}
	out := frameStream(t, "application/x-ndjson", events)
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
			out := frameStream(t, "text/event-stream", events)
			var shown strings.Builder
			for _, d := range frameEventData(out) {
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
