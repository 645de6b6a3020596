package bodyformat

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestUnfinishedEscape: the escape at the end of a piece that more bytes
// may still change is held back whole, a surrogate pair's high half and
// what starts its low half included; a finished escape, an escaped
// backslash, or one too long to hold, is not.
func TestUnfinishedEscape(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{`ab\u00`, 2}, {`ab\`, 2}, {`ab\u`, 2}, {`\u0031`, 6}, {`a\u0031\u003`, 7},
		{`\ud83d`, 0}, {`\ud83d\`, 0}, {`\ud83d\ude0`, 0}, {`\ud83d\ude00`, 12},
		{`\u0031\ude0`, 6}, {`a\\`, 3}, {`a\\\`, 3}, {`\x3`, 0}, {`\x31`, 4},
		{`\U0001f60`, 0}, {`\u{3`, 0}, {`\u{31}`, 6}, {`\1`, 0}, {`\13`, 0},
		{`\101`, 4}, {`\40`, 3}, {"\\\r", 0}, {`\n`, 2}, {`\"`, 2},
		{`\u{0000000000031`, 0}, {`a\u{` + strings.Repeat("0", maxCarriedBraced-3), 1}, // any leading zeros, as JavaScript reads them
		{`\\u{0000000000031`, 17}, {`a\u{0000000000031}`, 18},
		{`a\u{` + strings.Repeat("0", maxCarriedBraced-2), 2 + maxCarriedBraced}, // longer than an escape held back
	} {
		if got := unfinishedEscape([]byte(c.in)); got != c.want {
			t.Errorf("unfinishedEscape(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

// cutBytes cuts s into pieces of n bytes.
func cutBytes(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}

// TestStreamEscapesCutInside: text events and a tool call's streamed
// arguments holding \u-escaped identifiers, cut every n bytes for every n
// up to past a surrogate pair, so that most cuts fall inside an escape.
// The client that joins and unescapes reads no identifier, no escaped
// digit a mask hides is left, and joined arguments still parse as JSON.
func TestStreamEscapesCutInside(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	text := escapeAll("证件 "+id+" 手机 "+m) + `\ud83d\ude00 \"ok\"`
	args := `{"phone": "` + escapeAll(m) + `", "id": "` + escapeAll(id) + `", "note": "a \"q\" \\ \ud83d\ude00"}`
	hidden := []string{escapeAll(m[3:7]), escapeAll(id[6:14])}
	for n := 1; n <= 14; n++ {
		var evs []string
		for _, p := range cutBytes(text, n) {
			evs = append(evs, "data: "+p+"\n\n")
		}
		out, found := streamThrough(t, StreamEvents, Redact, evs...)
		shown := unescapeStream(strings.ReplaceAll(out, "\n\n", "\n"))
		if len(found) == 0 || strings.Contains(shown, m) || strings.Contains(shown, id) {
			t.Errorf("text cut every %d: %d findings, client reads %q", n, len(found), shown)
		}
		if !strings.HasSuffix(shown, "😀 \"ok\"") {
			t.Errorf("text cut every %d: the rest reads %q", n, shown)
		}

		evs = evs[:0]
		for _, p := range cutBytes(args, n) {
			d, _ := json.Marshal(map[string]any{"type": "content_block_delta", "index": 1, "delta": map[string]any{"type": "input_json_delta", "partial_json": p}})
			evs = append(evs, "data: "+string(d)+"\n\n")
		}
		out, _ = streamThrough(t, StreamEvents, Redact, evs...)
		var joined strings.Builder
		for _, ev := range strings.Split(strings.TrimSuffix(out, "\n\n"), "\n\n") {
			var e struct {
				Delta struct {
					PartialJSON string `json:"partial_json"`
				}
			}
			if err := json.Unmarshal([]byte(strings.TrimPrefix(ev, "data: ")), &e); err != nil {
				t.Fatalf("args cut every %d: event %q: %v", n, ev, err)
			}
			joined.WriteString(e.Delta.PartialJSON)
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(joined.String()), &got); err != nil {
			t.Errorf("args cut every %d no longer parse: %q: %v", n, joined.String(), err)
		}
		if got["phone"] == m || got["id"] == id || got["note"] != "a \"q\" \\ 😀" {
			t.Errorf("args cut every %d parse to %q", n, got)
		}
		for _, h := range hidden {
			if strings.Contains(joined.String(), h) {
				t.Errorf("args cut every %d keep masked digits escaped: %q", n, joined.String())
			}
		}
	}
}

// TestStreamEscapesCarriedOut: an escape left unfinished by the last
// event, or by an event a pause releases, goes out as it came: joined,
// what the client reads is what was sent.
func TestStreamEscapesCarriedOut(t *testing.T) {
	for _, evs := range [][]string{
		{"data: a\\u00\n\n"},
		{"data: a\\u00\n\n", "data: 4e\n\n"},
		{"data: \\ud83d\n\n", "data: \\ude00 x\n\n"}, {"data: a\\u00\n\n", "data: zz\n\n"},
		{`data: {"delta":{"partial_json":"{\"a\": \"\\u00"}}` + "\n\n"},
	} {
		out, found := streamThrough(t, StreamEvents, Redact, evs...)
		if len(found) != 0 {
			t.Errorf("%q: %d findings", evs, len(found))
		}
		if got, want := unescapeStream(strings.ReplaceAll(out, "\n\n", "\n")), unescapeStream(strings.ReplaceAll(strings.Join(evs, ""), "\n\n", "\n")); got != want {
			t.Errorf("%q reads %q, sent %q (out %q)", evs, got, want, out)
		}
	}
}

// TestStreamEscapesHeldBound: when the hold bound releases the event
// holding an escape's first half before the mask of what follows is
// known (a long tool call), the piece that completes the escape writes
// the rest of it as an escape of '*': the joined arguments still parse,
// and to no raw mobile.
func TestStreamEscapesHeldBound(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	args := `{"phone": "` + escapeAll(m) + `"}`
	for _, held := range []int{64, 128, 200, 300, 1 << 14} {
		for n := 3; n <= 9; n++ {
			var out strings.Builder
			s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact, MaxHeld: held})
			for _, p := range cutBytes(args, n) {
				d, _ := json.Marshal(map[string]any{"delta": map[string]any{"partial_json": p}})
				if _, err := s.Write([]byte("data: " + string(d) + "\n\n")); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			var joined strings.Builder
			for _, ev := range strings.Split(strings.TrimSuffix(out.String(), "\n\n"), "\n\n") {
				var e struct {
					Delta struct {
						PartialJSON string `json:"partial_json"`
					}
				}
				if err := json.Unmarshal([]byte(strings.TrimPrefix(ev, "data: ")), &e); err != nil {
					t.Fatalf("held %d, cut every %d: event %q: %v", held, n, ev, err)
				}
				joined.WriteString(e.Delta.PartialJSON)
			}
			var got map[string]string
			if err := json.Unmarshal([]byte(joined.String()), &got); err != nil || got["phone"] == m || strings.Contains(got["phone"], m[3:7]) {
				t.Errorf("held %d, cut every %d: %q parses to %q (%v)", held, n, joined.String(), got, err)
			}
		}
	}
}

// TestStreamBracedEscapeCutAcrossEvents: JavaScript's \u{…} takes any
// number of leading zeros (decodeEscapes reads them so in a buffered
// body), and the carry that holds an escape cut between two events holds
// such a one whole (up to maxCarriedBraced bytes): a mobile whose digits
// are written \u{0000000000000031} and cut every n bytes across text
// events is read joined and masked; the client that joins and unescapes
// the events reads no mobile.
func TestStreamBracedEscapeCutAcrossEvents(t *testing.T) {
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		var b strings.Builder
		b.WriteString("手机 ")
		for _, c := range m {
			fmt.Fprintf(&b, `\u{%s%x}`, strings.Repeat("0", 16), c)
		}
		text := b.String()
		// whole, in one event, it is read and masked
		if out, _ := streamThrough(t, StreamEvents, Redact, "data: "+text+"\n\n"); strings.Contains(unescapeStream(strings.ReplaceAll(out, "\n\n", "\n")), m) {
			t.Fatalf("one event: %q", out)
		}
		for _, n := range []int{7, 13, 16, 23, 29} {
			var evs []string
			for _, p := range cutBytes(text, n) {
				evs = append(evs, "data: "+p+"\n\n")
			}
			out, found := streamThrough(t, StreamEvents, Redact, evs...)
			if shown := unescapeStream(strings.ReplaceAll(out, "\n\n", "\n")); strings.Contains(shown, m) {
				t.Errorf("cut every %d: %d findings, the client reads %q", n, len(found), shown)
			}
		}
	}
}
