package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack47ArgsNumberAfterEscape (F5): a mobile written as a JSON
// number in streamed tool-call arguments after a \u escape ({"t\u0065l":
// 138…}, {"a": "\u00e9", "tel": 138…}), cut so that the escape is split
// over two pieces and the number starts or ends in a piece that holds a
// part of an escape, is masked with a backslash before its opening or
// closing quote (\"195****7674\"): the arguments the client joins no
// longer parse. All three APIs (Anthropic input_json_delta, OpenAI
// tool_calls, Responses function_call_arguments) do it; \n, \", \\ and
// \/ escapes do not.
func TestAttack47ArgsNumberAfterEscape(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for m[3] == '0' || m[7] == '0' {
		m = synth.CNMobile(r)
	}
	for _, c := range []struct {
		doc string
		cut int
	}{
		{`{"\u0074el": ` + m + `}`, 7},
		{`{"t\u0065l": ` + m + `}`, 7},
		{`{"t\u0065l": ` + m + `}`, 8},
		{`{"a": "\u00e9", "tel": ` + m + `}`, 12},
	} {
		var out strings.Builder
		s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
		for i := 0; i < len(c.doc); i += c.cut {
			ev := `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(c.doc[i:min(len(c.doc), i+c.cut)]) + "}}\n\n"
			if _, err := s.Write([]byte(ev)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		shown := toolInputShown(t, out.String())
		if !json.Valid([]byte(shown)) || strings.Contains(engineDigitsShown(shown), m[3:7]) {
			t.Errorf("%s cut %d: the joined arguments %q do not parse or show the mobile", c.doc, c.cut, shown)
		}
	}
}
