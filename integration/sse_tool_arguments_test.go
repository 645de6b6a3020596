package integration

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestSSEToolArgumentsThroughCaddy: an OpenAI-style tool call whose
// arguments hold a resident ID written with \u escapes, the pieces cut
// inside the escapes, through reverse_proxy over h2c. The SDK joins and
// parses the arguments: they still parse, and not to the raw ID (attack
// 30, F6).
func TestSSEToolArgumentsThroughCaddy(t *testing.T) {
	var esc strings.Builder
	for _, c := range alice.ID {
		esc.WriteString(`\\u00`)
		esc.WriteString(strings.ToLower(string("0123456789abcdef"[c>>4])) + string("0123456789abcdef"[c&15]))
	}
	// arguments as the model writes them: {"id": "\u0031…"}, JSON-escaped
	// again inside the event's JSON string
	args := `{\"id\": \"` + esc.String() + `\"}`
	t.Setenv("UP", upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		rc := http.NewResponseController(w)
		for len(args) > 0 {
			n := min(9, len(args))
			for n < len(args) && args[n-1] == '\\' {
				n++ // keep the event's own JSON escapes whole
			}
			io.WriteString(w, `data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"`+args[:n]+`"}}]}}]}`+"\n\n")
			rc.Flush()
			args = args[n:]
		}
		io.WriteString(w, "data: [DONE]\n\n")
	})))
	startCaddy(t, "handle /r/* {\n\t\tpii_filter\n\t\treverse_proxy {$UP} {\n\t\t\tflush_interval -1\n\t\t}\n\t}")
	resp, err := h2cClient(t).Get(base + "/r/sse")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	var joined strings.Builder
	for _, ev := range strings.Split(string(out), "\n\n") {
		d, ok := strings.CutPrefix(ev, "data: ")
		if !ok || d == "[DONE]" {
			continue
		}
		var m struct {
			Choices []struct {
				Delta struct {
					ToolCalls []struct{ Function struct{ Arguments string } } `json:"tool_calls"`
				}
			}
		}
		if err := json.Unmarshal([]byte(d), &m); err != nil {
			t.Fatalf("event %q: %v", d, err)
		}
		joined.WriteString(m.Choices[0].Delta.ToolCalls[0].Function.Arguments)
	}
	var parsed map[string]string
	if err := json.Unmarshal([]byte(joined.String()), &parsed); err != nil {
		t.Fatalf("arguments %q: %v", joined.String(), err)
	}
	if parsed["id"] == alice.ID {
		t.Errorf("the SDK parses the raw ID from %q", joined.String())
	}
}
