package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamToolArgumentsPaused: a tool call's arguments streamed 5 bytes
// an event with a pause (ReleaseHeld) after every event still wait for
// their whole JSON document, which is read as JSON: a tel key's sibling
// members are masked, and the joined arguments parse.
func TestStreamToolArgumentsPaused(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 6)))
	doc := `{"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `"}`
	var out strings.Builder
	s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
	for i := 0; i < len(doc); i += 5 {
		ev := `data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(doc[i:min(len(doc), i+5)]) + "}}]}}]}\n\n"
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseHeld(); err != nil {
			t.Fatal(err)
		}
		if i+5 < len(doc) && strings.Contains(out.String(), "tel1") {
			t.Fatalf("arguments released at %d of %d bytes: %q", i+5, len(doc), out.String())
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	shown := toolInputShown(t, out.String())
	if strings.Contains(engineDigitsShown(shown), m[3:7]) || !strings.HasPrefix(shown, `{"tel1": "`) {
		t.Errorf("the client's tool input reads %q (mobile %s)", shown, m)
	}
}

// TestStreamToolArgumentsPastBound: arguments longer than maxArgDoc are
// not all held: a member longer than the bound goes out before the
// document's end, read as text, and an identifier in the text is masked
// as before (the windows past the bound: joinargs_window_test.go).
func TestStreamToolArgumentsPastBound(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 7)))
	doc := `{"note": "` + strings.Repeat("word ", maxArgDoc/5+10) + `手机 ` + m + `"}`
	var out strings.Builder
	s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact, MaxHeld: 1 << 20})
	released := false
	for i := 0; i < len(doc); i += 64 {
		ev := `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(doc[i:min(len(doc), i+64)]) + "}}\n\n"
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
		released = released || out.Len() > 0
	}
	if !released {
		t.Errorf("no piece of %d bytes of arguments went out before their end", len(doc))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if shown := toolInputShown(t, out.String()); strings.Contains(shown, m) || !strings.HasPrefix(shown, `{"note": "word `) {
		t.Errorf("the client's tool input ends %q", shown[max(0, len(shown)-80):])
	}
}
