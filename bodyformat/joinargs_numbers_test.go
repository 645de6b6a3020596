package bodyformat

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// argAPIs are the three ways a tool call's arguments stream: each writes
// one piece as an event, and shown joins the pieces of a stream's output
// as the API's SDK does.
var argAPIs = []struct {
	name  string
	event func(piece string) string
	shown func(t *testing.T, out string) string
}{
	{"anthropic input_json_delta", func(p string) string {
		return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + jsonString(p) + "}}\n\n"
	}, toolInputShown},
	{"openai tool_calls arguments", func(p string) string {
		return `data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(p) + "}}]}}]}\n\n"
	}, toolInputShown},
	{"responses function_call_arguments", func(p string) string {
		return responsesEvent("response.function_call_arguments.delta", `"item_id":"fc_1","output_index":0,"delta":`+jsonString(p), true, true)
	}, func(t *testing.T, out string) string {
		return responsesShown(t, out, "response.function_call_arguments.delta")
	}},
}

// TestStreamToolArgumentsMaskedNumbers: a mobile written as a JSON
// number in a tool call's arguments ({"tel": 13812345678}, or its groups
// as numbers {"tel": [138, 1234, 5678]}), streamed in pieces that cut the
// numbers anywhere, is masked as a string, as a buffered JSON body writes
// it ("138****5678"): the arguments the SDK joins parse as JSON, show no
// digits of the mobile's middle, and keep their clean members byte for
// byte. Before, the mask was written as bare stars, and the joined
// arguments no longer parsed.
func TestStreamToolArgumentsMaskedNumbers(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for ai, api := range argAPIs {
		for cut := 1; cut <= 9; cut++ {
			m := synth.CNMobile(r)
			for m[3] == '0' || m[7] == '0' { // the groups are JSON numbers too
				m = synth.CNMobile(r)
			}
			for di, doc := range []string{
				`{"city": "Hangzhou", "tel": ` + m + `, "days": 3}`,
				`{"city": "Hangzhou", "tel": [` + m[:3] + `, ` + m[3:7] + `, ` + m[7:] + `], "days": 3}`,
				`{"tel":` + m + `}`,
				`{"city": "Hang\u007ahou", "tel": ` + m + `, "days": 3}`,
				`{"pad": "` + strings.Repeat("word ", maxArgDoc/5) + `", "city": "Hangzhou", "tel": ` + m + `, "days": 3}`,
			} {
				if raceEnabled && di == 4 && (cut+ai)%3 != 0 {
					continue // under -race the padded document in every third cut
				}
				var out strings.Builder
				s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
				if api.name == "responses function_call_arguments" {
					if _, err := s.Write([]byte(responsesEvent("response.output_item.added", `"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"lookup","arguments":""}`, true, true))); err != nil {
						t.Fatal(err)
					}
				}
				for i := 0; i < len(doc); i += cut {
					if _, err := s.Write([]byte(api.event(doc[i:min(len(doc), i+cut)]))); err != nil {
						t.Fatalf("%s, cut %d, %s: %v", api.name, cut, doc, err)
					}
				}
				if err := s.Close(); err != nil {
					t.Fatalf("%s, cut %d, %s: %v", api.name, cut, doc, err)
				}
				shown := api.shown(t, out.String())
				var v map[string]any
				if err := json.Unmarshal([]byte(shown), &v); err != nil {
					t.Errorf("%s, cut %d: the joined arguments %q do not parse: %v", api.name, cut, shown, err)
					continue
				}
				if strings.Contains(engineDigitsShown(shown), m[3:7]) {
					t.Errorf("%s, cut %d: the joined arguments %q show the mobile %s", api.name, cut, shown, m)
				}
				if tel, ok := v["tel"].(string); ok && !strings.Contains(tel, "*") {
					t.Errorf("%s, cut %d: tel reads %q", api.name, cut, tel)
				}
				if at := strings.Index(doc, `"tel": `) + len(`"tel": `); strings.HasSuffix(doc, `"days": 3}`) && (v["city"] != "Hangzhou" || v["days"] != 3.0 || !strings.HasPrefix(shown, doc[:at]) || !strings.HasSuffix(shown, `, "days": 3}`)) {
					t.Errorf("%s, cut %d: the clean members changed: %q", api.name, cut, shown)
				}
			}
		}
	}
}

// TestStreamToolArgumentsMaskedNumbersWindows: past maxArgDoc, where the
// arguments are read in windows (joinargs_window.go) and a window's cut
// falls anywhere around a mobile written as a number, the number is
// masked as a string and the joined arguments parse.
func TestStreamToolArgumentsMaskedNumbersWindows(t *testing.T) {
	r := rng(t.Name())
	step := 13
	if raceEnabled {
		step = 31 // both sides of each window's end, in each cut
	}
	for _, at := range []int{maxArgDoc, argWindowKeep + maxArgDoc} {
		for pad := at - 240; pad < at+40; pad += step {
			m := synth.CNMobile(r)
			var b strings.Builder
			b.WriteString(`{`)
			for i := 0; b.Len() < pad; i++ {
				fmt.Fprintf(&b, `"k%d": "word", `, i)
			}
			doc := b.String() + `"tel": ` + m + `, "n": [1, ` + m + `, 2], "days": 3}`
			out, err := argStream(t, doc, []int{64, 5, 29}[pad%3], nil)
			if err != nil {
				t.Fatalf("pad %d: %v", pad, err)
			}
			shown := toolInputShown(t, out)
			if !json.Valid([]byte(shown)) {
				t.Fatalf("pad %d: the joined arguments do not parse: …%s", pad, shown[max(0, len(shown)-160):])
			}
			if tail := shown[max(0, strings.Index(shown, `"tel": `)):]; strings.Contains(shown, m) || strings.Contains(engineDigitsShown(tail), m[3:7]) {
				t.Errorf("pad %d: the joined arguments show the mobile %s: …%s", pad, m, shown[max(0, len(shown)-160):])
			}
			if cut := strings.Index(doc, `"tel": `); shown[:cut] != doc[:cut] {
				t.Errorf("pad %d: the members before changed", pad)
			}
		}
	}
}
