package bodyformat

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestShownNothingBefore: the runs a renderer shows as nothing that end
// at the end of a text are found back to their start, and nothing else
// is: a word, a digit, a tag or a destination longer than the bound.
func TestShownNothingBefore(t *testing.T) {
	long := "<span title=\"" + strings.Repeat("x", maxShownNothing) + "\">"
	for _, tc := range []struct {
		text string
		want int // where the run starts
	}{
		{"180`", 3},
		{"180**", 3},
		{"180~~_", 3},
		{"180<b>", 3},
		{"180</b><!-- x -->", 3},
		{"180](/x)", 3},
		{"180[", 3},
		{"180\u00ad\u200b", 3},
		{"180", 3},
		{"180 ", 4},
		{"180x", 4},
		{"180](/x y)", 10},
		{"180" + long, 3 + len(long)},
		{"a > b", 5},
	} {
		if got := shownNothingBefore([]byte(tc.text), len(tc.text), max(0, len(tc.text)-maxShownNothing)); got != tc.want {
			t.Errorf("%q: run starts at %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestStreamPausedSeparatorsShowFour: a mobile sent a group an event,
// with Markdown, inline HTML or an invisible character between the
// groups (in events of their own or with the digits) and a pause after
// each event, shows at most four of its digits, after a label or after
// words that are none (where the engine's open tail holds nothing
// between the groups and only openTail reads across them); streamed
// without pauses it is masked as one mobile.
func TestStreamPausedSeparatorsShowFour(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	a, b, c := m[:3], m[3:7], m[7:]
	for _, lead := range []string{"手机 ", "ok then "} {
		for _, tc := range []struct{ name, l, r string }{
			{"code", "`", "`"},
			{"bold", "<b>", "</b>"},
			{"comment", "<!-- x -->", "<!-- y -->"},
			{"link", "[", "](/x)"},
			{"strike", "~~", "~~"},
			{"zwsp", "\u200b", "\u200b"},
		} {
			for _, pieces := range [][]string{
				{lead, a, tc.l, b, tc.r, c, " 好"},
				{lead + a + tc.l, b + tc.r, c + " 好"},
				{lead + a, tc.l + b, tc.r + c + " 好"},
			} {
				if seen := engineDigitsShown(unescapedShown(t, sendDeltas(t, pieces, true))); len(seen) > 4 {
					t.Errorf("%q paused: client sees digits %s of %s", pieces, seen, m)
				}
				if shown := sendDeltas(t, pieces, false); strings.Contains(shown, b) {
					t.Errorf("%q: client sees %q", pieces, shown)
				}
			}
		}
		// emphasis with the digits: a '*' the sender wrote is no mask's
		// (mayHoldMask). In events of their own, "**" then four digits
		// read as what a mask kept (detect's OpenTail): not held
		for _, pieces := range [][]string{
			{lead + a + "**", b + "**", c + " 好"},
			{lead + a, "**" + b + "**", c + " 好"},
		} {
			if seen := engineDigitsShown(sendDeltas(t, pieces, true)); len(seen) > 4 {
				t.Errorf("%q paused: client sees digits %s of %s", pieces, seen, m)
			}
		}
	}
}

// TestStreamSeparatorsHeldBounded: a stream of events that each end in a
// digit and a run shown as nothing ("1`", "1<b>" …: a number as long as
// the stream to a renderer) is held back no more than one without the
// runs ("1 ", digit groups) is: openTail reads back a bounded stretch
// (maxOpenHops runs of at most maxShownNothing bytes), the bytes held
// counted after every event. An operator's MaxHeld bounds it too.
func TestStreamSeparatorsHeldBounded(t *testing.T) {
	most := func(piece string, maxHeld int) int {
		var out bytes.Buffer
		s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact, MaxHeld: maxHeld})
		n := 0
		for range 2000 {
			if _, err := s.Write([]byte(`data: {"choices":[{"delta":{"content":` + jsonString(piece) + "}}]}\n\n")); err != nil {
				t.Fatal(err)
			}
			n = max(n, s.Held())
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return n
	}
	base := most("1 ", 0)
	for _, piece := range []string{"1`", "1<b>", "1\u00ad", "1](/x)[", "1<!-- x -->"} {
		if n := most(piece, 0); n > 2*base || n > DefaultMaxHeld/8 {
			t.Errorf("%q: %d bytes held (digit groups: %d)", piece, n, base)
		}
		ev := len(`data: {"choices":[{"delta":{"content":` + jsonString(piece) + "}}]}\n\n")
		if n := most(piece, 200); n > 200+ev {
			t.Errorf("%q, MaxHeld 200: %d bytes held", piece, n)
		}
	}
}

// unescapedShown returns what a client shows of sendDeltas' output: its
// JSON escapes decoded (\u003c is '<', no digits).
func unescapedShown(t *testing.T, shown string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal([]byte(`"`+shown+`"`), &s); err != nil {
		t.Fatalf("%q: %v", shown, err)
	}
	return s
}
