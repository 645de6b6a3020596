package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// argsEventsOf are the three streams of a tool call's arguments (Anthropic
// input_json_delta, OpenAI tool_calls, Responses
// function_call_arguments), each an event of one piece and the joining of
// the pieces a client does.
var argsEventsOf = []struct {
	api   string
	event func(piece string) string
	shown func(t *testing.T, out string) string
}{
	{"anthropic", func(piece string) string {
		return `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(piece) + "}}\n\n"
	}, toolInputShown},
	{"openai", func(piece string) string {
		return `data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(piece) + "}}]}}]}\n\n"
	}, toolInputShown},
	{"responses", func(piece string) string {
		return responsesEvent("response.function_call_arguments.delta", `"output_index":0,"delta":`+jsonString(piece), true, true)
	}, func(t *testing.T, out string) string {
		return responsesShown(t, out, "response.function_call_arguments.delta")
	}},
}

// TestArgsNumberMaskedAfterEveryEscapeCut: a mobile written as a JSON
// number in a tool call's arguments that also hold a \u escape (in a key,
// in a value before it), cut at every width, goes out masked as a string
// whose quotes are the arguments' syntax, not escaped as a string's
// content (maskQuoting, fromWritten): the joined arguments parse, in all
// three APIs; a number that is no identifier goes out as it came.
func TestArgsNumberMaskedAfterEveryEscapeCut(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for m[3] == '0' || m[7] == '0' {
		m = synth.CNMobile(r)
	}
	docs := []string{
		`{"\u0074el": ` + m + `}`,
		`{"t\u0065l": ` + m + `}`,
		`{"a": "\u00e9", "tel": ` + m + `}`,
		`{"a": "\ud83d\ude00", "tel": [` + m + `, 1]}`,
		`{"t\u0065l": ` + m + `, "b": "\u00e9"}`,
	}
	for _, api := range argsEventsOf {
		for _, doc := range docs {
			for cut := 1; cut <= 16; cut++ {
				var out strings.Builder
				s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
				for i := 0; i < len(doc); i += cut {
					if _, err := s.Write([]byte(api.event(doc[i:min(len(doc), i+cut)]))); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				shown := api.shown(t, out.String())
				var v map[string]any
				if err := json.Unmarshal([]byte(shown), &v); err != nil || strings.Contains(engineDigitsShown(shown), m[3:7]) {
					t.Errorf("%s %s cut %d: the joined arguments %q do not parse (%v) or show the mobile", api.api, doc, cut, shown, err)
				}
			}
		}
	}
	clean := `{"t\u0065l": 42, "a": "\u00e9", "n": 20261207}`
	for _, api := range argsEventsOf {
		for cut := 1; cut <= 16; cut++ {
			var out, in strings.Builder
			s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
			for i := 0; i < len(clean); i += cut {
				ev := api.event(clean[i:min(len(clean), i+cut)])
				in.WriteString(ev)
				if _, err := s.Write([]byte(ev)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if out.String() != in.String() {
				t.Errorf("%s cut %d: clean arguments changed: %q", api.api, cut, api.shown(t, out.String()))
			}
		}
	}
}
