package bodyformat

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix55Shown streams pieces as a transport carries an LLM's deltas and
// returns the text a client joining them shows: "sse" delta.content
// events, "ndjson" lines {"delta":…}, "ws" text messages of the bare
// text, "wsjson" messages {"delta":…} (WriteEvent, as a WebSocket side
// feeds its Stream).
func fix55Shown(t *testing.T, how string, pieces []string) string {
	t.Helper()
	if how == "sse" {
		return shownDeltas(t, pieces)
	}
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, StreamLines, StreamOptions{Mode: Redact})
	for _, p := range pieces {
		var err error
		switch how {
		case "ndjson":
			_, err = s.Write([]byte(`{"delta":` + jsonString(p) + "}\n"))
		case "ws":
			err = s.WriteEvent([]byte(p))
		case "wsjson":
			err = s.WriteEvent([]byte(`{"delta":` + jsonString(p) + "}"))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if how == "ws" {
		return out.String()
	}
	var shown strings.Builder
	for d := json.NewDecoder(&out); ; {
		var v struct{ Delta string }
		if err := d.Decode(&v); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		shown.WriteString(v.Delta)
	}
	return shown.String()
}

// fix55Locals are local parts an open tail had read back across only up
// to two punctuation marks, or not at all: three underscores or more,
// dots and hyphens between single letters or syllables.
func fix55Locals(r *rand.Rand) []string {
	syl := func() string { return synth.EmailLocal(r)[:2] }
	return []string{
		syl() + "___" + syl(),
		syl() + "____" + syl() + "__" + syl(),
		"a.b.c.d",
		syl() + "." + syl() + "." + syl(),
		"a-b-c-d",
		syl() + "-" + syl(),
		syl() + "__" + syl(),
		syl() + "%%%" + syl(),
		synth.EmailLocal(r),
	}
}

// TestFix55AddressSplitInLocalPart: an e-mail address an LLM streams in
// two pieces cut inside its local part (zhang___ | san@qq.com, a.b.c.d |
// @x.cn, a-b-c-d | @x.cn), as a client joining SSE deltas, JSON lines
// or WebSocket messages shows it. The second piece's own reading masks
// the address it holds (s***@qq.com) keeping its first character, and the
// text before it went out as it was (three underscores: no open tail; a
// '-': a plain word) or was held and released as it was (the joined text
// z…__s***@ reads as no address): zhang___s***@qq.com showed all but two
// characters of the local part. Now, cut at every position after a
// character that is no letter (a plain word is not held: its first
// word shows, open), at most the first character of the local part is
// shown, the domain kept, and the text around it byte for byte.
func TestFix55AddressSplitInLocalPart(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 1))
	const before, after = "写信给 ", " 谢谢"
	for _, local := range fix55Locals(r) {
		domain := synth.EmailDomains[r.IntN(len(synth.EmailDomains))]
		for k := 1; k <= len(local); k++ {
			head := local[:k]
			if strings.Trim(head, "abcdefghijklmnopqrstuvwxyz") == "" && k < len(local) {
				continue // a plain word goes out: open (threat model)
			}
			pieces := []string{before + head, local[k:] + "@" + domain + after}
			for _, how := range []string{"sse", "ndjson", "ws", "wsjson"} {
				shown := fix55Shown(t, how, pieces)
				masked, ok := strings.CutPrefix(shown, before)
				masked, ok2 := strings.CutSuffix(masked, "@"+domain+after)
				if !ok || !ok2 || strings.Contains(masked, "@") {
					t.Errorf("%s %q: shown %q, want the text around the address kept", how, pieces, shown)
					continue
				}
				if n := len(strings.ReplaceAll(masked, "*", "")); n > 1 || !strings.Contains(masked, "***") {
					t.Errorf("%s %q: shown %q, %d characters of the local part %q", how, pieces, shown, n, local)
				}
			}
		}
	}
}

// TestFix55SplitWordsKept: clean text cut where the address rule looks
// (a word with hyphens or underscores, then more words; an address whole
// in the next piece after a space) goes out as it came, but for the
// address's own mask.
func TestFix55SplitWordsKept(t *testing.T) {
	for _, c := range []struct{ pieces []string }{
		{[]string{"a well-", "known fact"}},
		{[]string{"snake_case___", "names are fine"}},
		{[]string{"see a-b-c", "-d for the list"}},
		{[]string{"mail me:", " zhang@example.com"}},
	} {
		want := strings.Join(c.pieces, "")
		for _, how := range []string{"sse", "ndjson", "ws", "wsjson"} {
			shown := fix55Shown(t, how, c.pieces)
			if strings.Contains(want, "@") {
				want = "mail me: z***@example.com"
			}
			if shown != want {
				t.Errorf("%s %q: shown %q, want %q", how, c.pieces, shown, want)
			}
		}
	}
}
