//go:build detectsteps

package bodyformat

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix55DenseSteps returns a dense record message's steps a byte, sent as
// WebSocket messages (attack54EventSteps).
func fix55DenseSteps(t *testing.T) float64 {
	t.Helper()
	r := rand.New(rand.NewPCG(54, 2))
	var dense [][]byte
	for i := 1; i <= 200; i++ {
		dense = append(dense, synth.NewCustomer(r, i, true).JSON())
	}
	s, n := attack54EventSteps(t, testEngine(t), dense)
	return float64(s) / float64(n)
}

// fix55MessageSteps returns the steps a message of 8192 WebSocket
// messages m after a first "a" costs.
func fix55MessageSteps(t *testing.T, m string) float64 {
	t.Helper()
	msgs := make([][]byte, 8192)
	msgs[0] = []byte("a")
	for i := 1; i < len(msgs); i++ {
		msgs[i] = []byte(m)
	}
	s, _ := attack54EventSteps(t, testEngine(t), msgs)
	return float64(s) / float64(len(msgs))
}

// TestFix55StepsLocalPartMessages: an open tail now reads back across a
// local part's punctuation up to eight in a row (zhang___, was two) and
// holds a tail with a '-' (a-b-c-d): tiny messages that keep such a tail
// open ("_" after a letter, "%", "+", "a_", "a-", "a.", "-") cost no more
// than 1.3 times a message of one letter, the cost of any tiny message a
// joiner reads (309 steps, open: threat model, tiny events). Unbounded,
// "_" messages cost 313 steps each (65 before), "%" 423 (178).
func TestFix55StepsLocalPartMessages(t *testing.T) {
	letter := fix55MessageSteps(t, "a")
	t.Logf("dense records %.1f steps a byte; \"a\" messages %.0f steps each", fix55DenseSteps(t), letter)
	for _, m := range []string{"_", "%", "+", "a_", "a-", "a.", "-"} {
		s := fix55MessageSteps(t, m)
		t.Logf("%q messages: %.0f steps each", m, s)
		if s > 1.3*letter {
			t.Errorf("%q messages: %.0f steps each, %.2f times a letter's (%.0f)", m, s, s/letter, letter)
		}
	}
}
