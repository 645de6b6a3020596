package bodyformat

import (
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamWorkRate: a Stream with a WorkRate fails with ErrWork once
// its readings outrun the rate (messages "[1", each read with the joined
// text before it, at a rate of 1), while customer records one a message
// at the default rate (16) and any stream without a rate run to the
// end.
func TestStreamWorkRate(t *testing.T) {
	eng := testEngine(t)
	run := func(rate int64, msgs [][]byte) error {
		s := NewStream(eng, io.Discard, StreamLines, StreamOptions{Mode: Redact, WorkRate: rate})
		for _, m := range msgs {
			if err := s.WriteEvent(m); err != nil {
				return err
			}
		}
		return s.Close()
	}
	crafted := make([][]byte, 8192)
	for i := range crafted {
		crafted[i] = []byte("[1")
	}
	if err := run(1, crafted); !errors.Is(err, ErrWork) {
		t.Errorf(`"[1" messages at rate 1: %v, want ErrWork`, err)
	}
	if err := run(0, crafted); err != nil {
		t.Errorf(`"[1" messages without a rate: %v`, err)
	}
	r := rand.New(rand.NewPCG(54, 7))
	var records [][]byte
	for i := 1; i <= 2000; i++ {
		records = append(records, synth.NewCustomer(r, i, i%2 == 0).JSON())
	}
	if err := run(16, records); err != nil {
		t.Errorf("customer records at rate 16: %v", err)
	}
}

// TestStreamWorkRateHonestTokenStreams: the streams a rate must never cut
// at the default (16): an LLM's answer streamed a token an event, as
// server-sent events of OpenAI-style deltas and as NDJSON lines, whose
// tokens are short words, Han characters, digits of prices and dates
// and punctuation (the joiner holds digits back across events), 20,000
// events each.
func TestStreamWorkRateHonestTokenStreams(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(54, 8))
	tokens := []string{"The", " price", " is", " ", "12", "9", ".", "5", "0", " yuan", "，", "我们", "在", "2024", "-", "05", "-", "17",
		" 发货", "。", "\n", " order", " #", "88", "31", " 共", "3", "件", "[", "1", "]", " see", " `", "x", "`", "{", "}", "\"", "ok"}
	token := func() string { return tokens[r.IntN(len(tokens))] }
	for _, c := range []struct {
		kind  StreamKind
		event func(string) []byte
	}{
		{StreamEvents, func(tok string) []byte {
			return []byte(`data: {"choices":[{"delta":{"content":` + jsonString(tok) + `}}]}` + "\n\n")
		}},
		{StreamLines, func(tok string) []byte {
			return []byte(`{"model":"m","response":` + jsonString(tok) + `,"done":false}` + "\n")
		}},
	} {
		s := NewStream(eng, io.Discard, c.kind, StreamOptions{Mode: Redact, WorkRate: 16})
		for i := range 20000 {
			if _, err := s.Write(c.event(token())); err != nil {
				t.Fatalf("kind %d: event %d: %v", c.kind, i, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Errorf("kind %d: close: %v", c.kind, err)
		}
	}
}
