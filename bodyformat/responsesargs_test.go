package bodyformat

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// responsesEvent is an event of the OpenAI Responses API's stream: its
// event name, and its data with the name as its "type" (named false: the
// data only, as a proxy that drops event lines sends it; typed false: the
// event line only).
func responsesEvent(name, rest string, named, typed bool) string {
	var b strings.Builder
	if named {
		b.WriteString("event: " + name + "\n")
	}
	b.WriteString("data: {")
	if typed {
		b.WriteString(`"type":"` + name + `",`)
	}
	b.WriteString(rest + "}\n\n")
	return b.String()
}

// responsesShown joins, as the Responses API's SDK does, the deltas of
// the events of out whose type (or event name) is typ.
func responsesShown(t *testing.T, out, typ string) string {
	var b strings.Builder
	for raw := range strings.SplitSeq(out, "\n\n") {
		name := ""
		for line := range strings.SplitSeq(raw, "\n") {
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			}
			data, ok := strings.CutPrefix(line, "data: ")
			if !ok {
				continue
			}
			var ev struct {
				Type  string `json:"type"`
				Delta string `json:"delta"`
			}
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				t.Fatalf("%q: %v", data, err)
			}
			if ev.Type == typ || ev.Type == "" && name == typ {
				b.WriteString(ev.Delta)
			}
		}
	}
	return b.String()
}

// TestResponsesFunctionCallArguments: the Responses API streams a
// function call's arguments in the "delta" of
// response.function_call_arguments.delta events, a JSON document the SDK
// parses whole; the joiner holds them until the document closes and reads
// it as JSON, as it does OpenAI chat's and Anthropic's arguments: a tel
// key's sibling members, a phone key's tab-delimited value and a tel
// key's numbers are masked at 5 bytes an event, and the joined arguments
// still parse (a masked number is written as a string). Recognised by the data's "type" or by the event name.
func TestResponsesFunctionCallArguments(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(44, 1))
	m := synth.CNMobile(r)
	for m[3] == '0' || m[7] == '0' { // the groups are JSON numbers too
		m = synth.CNMobile(r)
	}
	a, b, c := m[:3], m[3:7], m[7:]
	const typ = "response.function_call_arguments.delta"
	for _, doc := range []struct {
		name, json string
		parses     bool // the masked arguments parse (a masked number is written as a string)
	}{
		{"phone key tabs", `{"phone": "` + a + `\t` + b + `\t` + c + `"}`, true},
		{"tel siblings", `{"tel1": "` + a + `", "tel2": "` + b + `", "tel3": "` + c + `"}`, true},
		{"tel numbers", `{"tel": [` + a + `, ` + b + `, ` + c + `]}`, true},
	} {
		for _, way := range []struct {
			name         string
			named, typed bool
		}{{"named and typed", true, true}, {"typed", false, true}, {"named", true, false}} {
			t.Run(doc.name+"/"+way.name, func(t *testing.T) {
				var out strings.Builder
				s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
				write := func(ev string) {
					if _, err := s.Write([]byte(ev)); err != nil {
						t.Fatal(err)
					}
				}
				write(responsesEvent("response.output_item.added", `"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"lookup","arguments":""}`, way.named, true))
				for i := 0; i < len(doc.json); i += 5 {
					write(responsesEvent(typ, `"item_id":"fc_1","output_index":0,"delta":`+jsonString(doc.json[i:min(len(doc.json), i+5)]), way.named, way.typed))
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				shown := responsesShown(t, out.String(), typ)
				if strings.Contains(engineDigitsShown(shown), b) || doc.parses && !json.Valid([]byte(shown)) {
					t.Errorf("the client's arguments read %q (mobile %s)", shown, m)
				}
			})
		}
	}
}

// TestResponsesArgumentsHeldUntilWhole: the events of a function call's
// arguments are not written before the document closes (the client
// parses it only then), and the text deltas of another output around
// them are not held by them past their own end.
func TestResponsesArgumentsHeldUntilWhole(t *testing.T) {
	eng := testEngine(t)
	doc := `{"city": "Hangzhou", "days": 3}`
	const typ = "response.function_call_arguments.delta"
	var out strings.Builder
	s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
	for i := 0; i < len(doc); i += 4 {
		ev := responsesEvent(typ, `"item_id":"fc_1","output_index":1,"delta":`+jsonString(doc[i:min(len(doc), i+4)]), true, true)
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseHeld(); err != nil {
			t.Fatal(err)
		}
		if i+4 < len(doc) && out.Len() > 0 {
			t.Fatalf("arguments released at %d of %d bytes: %q", i+4, len(doc), out.String())
		}
	}
	if n, want := strings.Count(out.String(), "data: "), (len(doc)+3)/4; n != want {
		t.Fatalf("%d of %d events out once the arguments are whole: %q", n, want, out.String())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if shown := responsesShown(t, out.String(), typ); shown != doc {
		t.Errorf("clean arguments changed: %q, want %q", shown, doc)
	}
}

// TestResponsesTextDeltasJoined: response.output_text.delta events are
// text deltas, joined as the SDK joins them (output_text): a resident ID
// split across three of them is masked, and a sentence around a clean
// number is left as it was.
func TestResponsesTextDeltasJoined(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rand.New(rand.NewPCG(44, 2)))
	const typ = "response.output_text.delta"
	for _, tc := range []struct {
		name   string
		pieces []string
		masked bool
	}{
		{"id in three", []string{"身份证号 " + id[:6], id[6:14], id[14:] + " 已核对"}, true},
		{"clean", []string{"We shipped ", "1200 units ", "in 2024."}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
			for _, p := range tc.pieces {
				ev := responsesEvent(typ, `"item_id":"msg_1","output_index":0,"content_index":0,"delta":`+jsonString(p), true, true)
				if _, err := s.Write([]byte(ev)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			shown := responsesShown(t, out.String(), typ)
			joined := strings.Join(tc.pieces, "")
			switch {
			case tc.masked && strings.Contains(engineDigitsShown(shown), id[6:14]):
				t.Errorf("the client shows %q (ID %s)", shown, id)
			case !tc.masked && shown != joined:
				t.Errorf("clean text changed: %q, want %q", shown, joined)
			}
		})
	}
}
