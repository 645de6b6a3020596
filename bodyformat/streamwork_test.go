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
