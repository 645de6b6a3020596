//go:build detectsteps

package bodyformat

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// streamSteps writes body to a Stream of kind in writes of 1 KiB and
// returns the engine's steps and the bytes of joined text it read.
func streamSteps(t *testing.T, eng *detect.Engine, kind StreamKind, body []byte) (steps, joined int64) {
	t.Helper()
	detect.ResetSteps()
	resetJoinRead()
	s := NewStream(eng, io.Discard, kind, StreamOptions{Mode: Redact, MaxEvent: 1 << 20, MaxHeld: 1 << 20})
	for p := body; len(p) > 0; {
		k := min(len(p), 1024)
		if _, err := s.Write(p[:k]); err != nil {
			t.Fatal(err)
		}
		p = p[k:]
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return detect.Steps(), joinRead.Load()
}

// TestComplexityStreamJoin checks that joining a field's text across its
// pieces costs linear time, even for one field repeated in an event
// (duplicate keys), across events whose digits keep it open for ever
// ({"c":"1 "} lines), and for LLM token streams: the engine's steps and
// the joined text it reads for 8n bytes are at most 8.8 times those for n.
func TestComplexityStreamJoin(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct {
		name string
		kind StreamKind
		gen  func(n int) []byte
	}{
		{"duplicate keys", StreamEvents, func(n int) []byte {
			return []byte("data: {" + strings.Repeat(`"a":"1",`, n/8) + `"b":0}` + "\n\n")
		}},
		{"digit events", StreamEvents, craftedEvents},
		{"digit lines", StreamLines, craftedLines},
		{"spaced digit lines", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("{\"c\":\"1 2 \"}\n", n/13))
		}},
		// lines ended by every break a line may end with (linebreaks.go)
		{"digit lines ended by CR", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("{\"c\":\"1\"}\r", n/10))
		}},
		{"digit lines ended by each break", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("{\"c\":\"1\"}\r\n{\"c\":\"2\"}\v{\"c\":\"3\"}\f{\"c\":\"4\"}\x1e", n/42))
		}},
		{"digit lines ended by U+2028", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("{\"c\":\"1\u2028\"}\u2028", n/15))
		}},
		// JSON text sequences, and values back to back (linebreaks.go)
		{"RS records", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("\x1e{\"text\":\"1\"}\n", n/15))
		}},
		{"RS records without LF", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("\x1e\x1e{\"text\":\"1\"}", n/15))
		}},
		{"values back to back", StreamLines, func(n int) []byte {
			return []byte(strings.Repeat("{\"text\":\"1\"} [\"2\"]\"3\"", n/20))
		}},
		{"many new paths", StreamEvents, func(n int) []byte {
			var b strings.Builder
			for k := 0; b.Len() < n; k++ {
				fmt.Fprintf(&b, "data: {\"k%06d\":\"123\"}\n\n", k) // keys of one width
			}
			return []byte(b.String())
		}},
		{"blank CR lines", StreamLines, func(n int) []byte { return []byte(strings.Repeat("\r", n)) }},
		// digits with what a renderer shows as nothing after each: the
		// markup view of the joined text, the open tail read back across
		// the runs (joinmarkup.go, joinopen.go)
		{"digit deltas between tags", StreamEvents, func(n int) []byte {
			return []byte(strings.Repeat(`data: {"choices":[{"delta":{"content":"1<b>"}}]}`+"\n\n", n/52))
		}},
		{"digit deltas between Markdown and invisibles", StreamEvents, func(n int) []byte {
			return []byte(strings.Repeat(`data: {"choices":[{"delta":{"content":"1`+"`\u00ad"+`](/x)["}}]}`+"\n\n", n/60))
		}},
		// digit groups between runs of invisible characters longer than
		// the join window, in pieces: the pieces open before a run still
		// going stay held past the window (settleReleased), and the cut's
		// digits are counted once each (closeCut, attack pass 42)
		{"digit groups across long invisible runs", StreamEvents, func(n int) []byte {
			group := `data: {"choices":[{"delta":{"content":"138"}}]}` + "\n\n" +
				strings.Repeat(`data: {"choices":[{"delta":{"content":"`+strings.Repeat("\u2060", 20)+`"}}]}`+"\n\n", 20)
			return []byte(strings.Repeat(group, max(1, n/len(group))))
		}},
		{"counts after long comments", StreamEvents, func(n int) []byte {
			group := `data: {"choices":[{"delta":{"content":"<!--` + strings.Repeat("c", 300) + `-->"}}]}` + "\n\n" +
				`data: {"choices":[{"delta":{"content":"19"}}]}` + "\n\n" + `data: {"choices":[{"delta":{"content":"：50 一个"}}]}` + "\n\n"
			return []byte(strings.Repeat(group, max(1, n/len(group))))
		}},
		{"clean deltas", StreamEvents, func(n int) []byte { return sseDeltas(rng("steps clean"), n, false) }},
		{"identifier deltas", StreamEvents, func(n int) []byte { return sseDeltas(rng("steps pii"), n, true) }},
		// every event cut inside a \u escape of a digit: each holds back
		// the unfinished escape for the next (joinescapes.go)
		{"escaped digits cut inside escapes", StreamEvents, func(n int) []byte {
			return cutEscapedEvents(n, func(p string) string { return "data: " + p + "\n\n" })
		}},
		// every event cut inside a \u{…} escape twice as long as a
		// \u escape, held back whole (maxCarriedBraced): each holds back
		// the carry it took and more
		{"braced escapes cut inside escapes", StreamEvents, func(n int) []byte {
			esc := `\u{` + strings.Repeat("0", 20) + `31}`
			var b strings.Builder
			for b.Len() < n {
				for _, p := range cutBytes(esc, 5) {
					b.WriteString("data: " + p + "\n\n")
				}
			}
			return []byte(b.String())
		}},
		{"escaped tool arguments cut inside escapes", StreamEvents, func(n int) []byte {
			return cutEscapedEvents(n, func(p string) string {
				return `data: {"index":1,"delta":{"partial_json":"` + strings.ReplaceAll(p, `\`, `\\`) + `"}}` + "\n\n"
			})
		}},
	} {
		// past a few KiB a field's held text is at its bound: from there
		// on the cost per byte is flat. Per byte of what was generated:
		// the random shapes overshoot n by a different share at each size
		// (an event of 33,383 bytes for 32 KiB, 263,574 for 256 KiB).
		const n = 64 << 10
		smallBody, largeBody := c.gen(n), c.gen(8*n)
		small, smallJoin := streamSteps(t, eng, c.kind, smallBody)
		large, largeJoin := streamSteps(t, eng, c.kind, largeBody)
		scale := float64(len(largeBody)) / float64(len(smallBody))
		if float64(large) > 1.1*scale*float64(small) {
			t.Errorf("%s: %d steps for %d bytes, %d for %d: ×%.2f for ×%.2f", c.name, small, len(smallBody), large, len(largeBody), float64(large)/float64(small), scale)
		}
		if float64(largeJoin) > 1.1*scale*float64(smallJoin) {
			t.Errorf("%s: %d bytes of joined text read for %d bytes, %d for %d", c.name, smallJoin, len(smallBody), largeJoin, len(largeBody))
		}
	}
}

// TestComplexityStreamJoinReadsPieceAndConstant checks that the joined
// text the engine reads for a new piece is the piece and a constant: the
// open tail before it (detect's OpenTail looks back at most 128 bytes) and
// joinContext bytes of context, however much of the field is held. In
// "held by another field", field a is held for as long as field b's tail
// stays open (an e-mail address being spelled), and was once read again
// whole with every piece.
func TestComplexityStreamJoinReadsPieceAndConstant(t *testing.T) {
	eng := testEngine(t)
	const maxOpenTail = 128 // detect.maxOpenTail
	for _, c := range []struct {
		name   string
		kind   StreamKind
		line   string
		pieces []string // the text of each field of an event
	}{
		{"digit lines", StreamLines, "{\"c\":\"1 \"}\n", []string{"1 "}},
		{"digit events", StreamEvents, "data: {\"c\":\"1\"}\n\n", []string{"1"}},
		{"held by another field", StreamLines, "{\"a\":\"word \",\"b\":\"a@\"}\n", []string{"word ", "a@"}},
	} {
		n := (64 << 10) / len(c.line)
		_, joined := streamSteps(t, eng, c.kind, []byte(strings.Repeat(c.line, n)))
		limit := int64(0)
		for _, p := range c.pieces {
			limit += int64(n * (len(p) + joinContext + maxOpenTail))
		}
		if joined > limit {
			t.Errorf("%s: %d bytes of joined text read for %d events, more than %d", c.name, joined, n, limit)
		}
	}
}

// cutEscapedEvents returns about n bytes of events, each made by event of
// 5 bytes of \u-escaped digits: every cut falls inside an escape.
func cutEscapedEvents(n int, event func(string) string) []byte {
	esc := strings.Repeat(`\u0031\u0033\u0038 `, n/19+1)
	var b strings.Builder
	for i := 0; b.Len() < n; i += 5 {
		if i+5 > len(esc) {
			i = 0
		}
		b.WriteString(event(esc[i : i+5]))
	}
	return []byte(b.String())
}

// TestComplexityStreamPausedFlood checks the work of a flood of distinct
// paths each forgotten while it ends open in digits: past maxPausedPaths
// each further one pushes the oldest kept path into the filter, looking
// at the kept ones once (at most maxPausedPaths a line, a constant), and
// the engine's steps for 8n lines are at most 8.8 times those for n.
func TestComplexityStreamPausedFlood(t *testing.T) {
	eng := testEngine(t)
	gen := func(lines int) []byte {
		var b strings.Builder
		for k := range lines {
			fmt.Fprintf(&b, "{\"k%06d_thinking\":\"1234567\"}\n", k)
		}
		return []byte(b.String())
	}
	const n = 2 << 10 // lines
	small, _ := streamSteps(t, eng, StreamLines, gen(n))
	smallRead := pausedRead.Load()
	large, _ := streamSteps(t, eng, StreamLines, gen(8*n))
	largeRead := pausedRead.Load()
	if smallRead == 0 || largeRead > int64(8*n*maxPausedPaths) {
		t.Errorf("%d kept paths looked at for %d lines, %d for %d: want some, at most %d a line", smallRead, n, largeRead, 8*n, maxPausedPaths)
	}
	if float64(largeRead) > 8.8*float64(smallRead) || float64(large) > 8.8*float64(small) {
		t.Errorf("kept paths looked at %d then %d, steps %d then %d, for %d then %d lines", smallRead, largeRead, small, large, n, 8*n)
	}
}

// TestComplexityStreamJoinManyPaths checks the joined text read for lines
// that cycle through more paths a client appends than the joiner follows
// (maxFields), each ending open in digits: each field is forgotten and
// found again, its paused run kept (pausedPaths). The text read for each
// piece is the piece and a constant, and the engine's steps for 8n bytes
// are at most 8.8 times those for n once the fields' open tails are at
// their bound.
func TestComplexityStreamJoinManyPaths(t *testing.T) {
	eng := testEngine(t)
	const maxOpenTail = 128 // detect.maxOpenTail
	gen := func(lines int) []byte {
		var b strings.Builder
		for k := range lines {
			fmt.Fprintf(&b, "{\"k%02d_thinking\":\"1234567\"}\n", k%(2*maxFields))
		}
		return []byte(b.String())
	}
	const n = 8 << 10 // lines
	small, joined := streamSteps(t, eng, StreamLines, gen(n))
	if limit := int64(n * (7 + joinContext + maxOpenTail)); joined > limit {
		t.Errorf("%d bytes of joined text read for %d lines, more than %d", joined, n, limit)
	}
	large, joined := streamSteps(t, eng, StreamLines, gen(8*n))
	if limit := int64(8 * n * (7 + joinContext + maxOpenTail)); joined > limit {
		t.Errorf("%d bytes of joined text read for %d lines, more than %d", joined, 8*n, limit)
	}
	if float64(large) > 8.8*float64(small) {
		t.Errorf("%d steps for %d lines, %d for %d: ×%.1f", small, n, large, 8*n, float64(large)/float64(small))
	}
}
