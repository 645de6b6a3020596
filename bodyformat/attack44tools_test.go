package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Attack pass 44: every test in this file fails on purpose, each a
// finding against what the last session merged (e13e26b..main).

// attack44Stream writes events to a Redact stream and returns what went
// out.
func attack44Stream(t *testing.T, evs []string) string {
	t.Helper()
	var out strings.Builder
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact, MaxHeld: 1 << 20})
	for _, ev := range evs {
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// attack44Joined joins the strings under key in the data lines of out,
// as the client joins a tool call's argument deltas, and decodes them as
// the JSON object they make.
func attack44Joined(t *testing.T, out, key string) map[string]string {
	t.Helper()
	var b strings.Builder
	for line := range strings.SplitSeq(out, "\n") {
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		var ev map[string]any
		if err := json.Unmarshal([]byte(data), &ev); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if d, ok := ev["delta"].(map[string]any); ok {
			ev = d
		}
		s, _ := ev[key].(string)
		b.WriteString(s)
	}
	var args map[string]string
	if err := json.Unmarshal([]byte(b.String()), &args); err != nil {
		t.Fatalf("the client's arguments %q: %v", b.String(), err)
	}
	return args
}

// attack44SplitMobile is a tool call's arguments holding a mobile split
// over three members, after pad.
func attack44SplitMobile(m, pad string) string {
	return `{` + pad + `"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `"}`
}

// TestAttack44ResponsesAPIArguments: the OpenAI Responses API streams a
// function call's arguments as response.function_call_arguments.delta
// events whose piece is under "delta", not "arguments" (argKey), so they
// are never read as the JSON document the client parses: a mobile split
// over three members passes whole, where the same pieces under
// tool_calls[].function.arguments are masked (TestStreamToolArgumentsPaused).
func TestAttack44ResponsesAPIArguments(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	doc := attack44SplitMobile(m, "")
	var evs []string
	for i := 0; i < len(doc); i += 5 {
		evs = append(evs, `data: {"type":"response.function_call_arguments.delta","output_index":1,"item_id":"fc_1","delta":`+jsonString(doc[i:min(len(doc), i+5)])+"}\n\n")
	}
	args := attack44Joined(t, attack44Stream(t, evs), "delta")
	if got := args["tel1"] + args["tel2"] + args["tel3"]; got == m {
		t.Errorf("the client's arguments hold the mobile %s: %v", m, args)
	}
}

// TestAttack44ToolArgumentsPastBound: the same split mobile after a
// member of maxArgDoc bytes (Anthropic input_json_delta) is read as text
// only (joinargs.go: past the bound), and passes whole.
func TestAttack44ToolArgumentsPastBound(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	doc := attack44SplitMobile(m, `"pad": "`+strings.Repeat("word ", maxArgDoc/5+10)+`", `)
	var evs []string
	for i := 0; i < len(doc); i += 64 {
		evs = append(evs, `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":`+jsonString(doc[i:min(len(doc), i+64)])+"}}\n\n")
	}
	args := attack44Joined(t, attack44Stream(t, evs), "partial_json")
	if got := args["tel1"] + args["tel2"] + args["tel3"]; got == m {
		t.Errorf("the client's arguments hold the mobile %s: %v", m, args["tel1"]+" "+args["tel2"]+" "+args["tel3"])
	}
}
