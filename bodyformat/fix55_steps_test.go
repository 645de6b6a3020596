//go:build detectsteps

package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strings"
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
// open ("_" after a letter, "%", "+", "a_", "a-", "-") cost no more than
// 1.1 times messages "a." (a tail a dot held before: 380 steps each).
// Unbounded, "_" messages cost 313 steps each (65 before), "%" 423 (178).
// A tail of letters is no longer walked past 64 of them (it is not held):
// one-letter messages 309 -> 190 steps each.
func TestFix55StepsLocalPartMessages(t *testing.T) {
	dotted := fix55MessageSteps(t, "a.")
	t.Logf("dense records %.1f steps a byte; \"a.\" messages %.0f steps each, \"a\" %.0f", fix55DenseSteps(t), dotted, fix55MessageSteps(t, "a"))
	for _, m := range []string{"_", "%", "+", "a_", "a-", "-"} {
		s := fix55MessageSteps(t, m)
		t.Logf("%q messages: %.0f steps each", m, s)
		if s > 1.1*dotted {
			t.Errorf("%q messages: %.0f steps each, %.2f times a dotted tail's (%.0f)", m, s, s/dotted, dotted)
		}
	}
}

// TestFix55StepsLinesUnderHeader: each text line of a stream of lines is
// read with the table header in force right above it
// (streamlinetable.go). Rows one a WebSocket message under their header
// (编号,联系人,手机) cost at most twice the same rows under a header that
// names nobody (measured 23.1 against 15.8 steps a byte), and rows of the
// cells of the longest header carried (maxLineHeader, 38 cells: "1,,,…")
// at most 10 times a dense record's steps a byte (measured 19 against
// 7.6); a row that does not fit ends the table ("1,2": 57 a byte).
func TestFix55StepsLinesUnderHeader(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 4))
	dense := fix55DenseSteps(t)
	rows := func(header string) [][]byte {
		msgs := [][]byte{[]byte(header)}
		for i := 1; i <= 2000; i++ {
			msgs = append(msgs, fmt.Appendf(nil, "%d,小叶,%s", i, synth.CNMobile(r)))
		}
		return msgs
	}
	perByte := func(msgs [][]byte) float64 {
		s, n := attack54EventSteps(t, testEngine(t), msgs)
		return float64(s) / float64(n)
	}
	under, plain := perByte(rows("编号,联系人,手机")), perByte(rows("编号,备注,价格"))
	t.Logf("rows under a name header %.1f steps a byte, under another %.1f; dense records %.1f", under, plain, dense)
	if under > 2*plain {
		t.Errorf("rows under a name header: %.1f steps a byte, more than twice %.1f", under, plain)
	}
	long := "联系人" + strings.Repeat(",备注说明", (maxLineHeader-20)/13)
	for _, m := range []string{"1" + strings.Repeat(",", strings.Count(long, ",")), "1,2"} {
		msgs := [][]byte{[]byte(long)}
		for range 4096 {
			msgs = append(msgs, []byte(m))
		}
		pb := perByte(msgs)
		t.Logf("%q messages under a %d-byte header: %.0f steps a byte", m, len(long), pb)
		if pb > 10*dense {
			t.Errorf("%q messages under a %d-byte header: %.0f steps a byte, %.0f times dense (%.1f)", m, len(long), pb, pb/dense, dense)
		}
	}
}
