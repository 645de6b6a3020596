package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// dataStream spells pieces as a data stream's text parts, one a line.
func dataStream(code string, pieces ...string) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(code + `:"` + p + "\"\n")
	}
	return b.String()
}

// TestDataStreamJoinsParts: a resident ID or a mobile an LLM streams as
// the text parts of a data stream (0:"1101", 0:"0519…"), which its client
// appends, is masked in what the client shows, read live or buffered
// whole, and the parts of another type code (reasoning, g:) are joined on
// their own.
func TestDataStreamJoinsParts(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		id, m := synth.CNID18(r), synth.CNMobile(r)
		for _, c := range []struct{ body, raw string }{
			{dataStream("0", "号码 "+id[:7], id[7:], " 好的"), id},
			{dataStream("0", m[:5], m[5:]), m},
			{`f:{"messageId":"msg-1"}` + "\n" + dataStream("g", "想想 "+m[:3], m[3:]) + dataStream("0", "嗯") + `e:{"finishReason":"stop"}` + "\n", m},
		} {
			live, _ := streamThrough(t, StreamLines, Redact, strings.SplitAfter(c.body, "\n")...)
			res := mustInspect(t, testEngine(t), []byte(c.body), "text/plain; charset=utf-8", "", Redact)
			for name, out := range map[string]string{"live": live, "buffered": string(res.Body)} {
				if shown := shownParts(out); strings.Contains(shown, c.raw) {
					t.Errorf("%s: the client shows %q: %q", name, c.raw, out)
				}
				if strings.Count(out, "\n") != strings.Count(c.body, "\n") {
					t.Errorf("%s: lines lost: %q", name, out)
				}
			}
		}
	}
}

// shownParts joins the text of each type code's string parts, as the
// client appends them, one code after the other.
func shownParts(out string) string {
	byCode := map[string]*strings.Builder{}
	var codes []string
	for _, line := range strings.Split(out, "\n") {
		code, v, ok := strings.Cut(line, ":")
		if !ok || !strings.HasPrefix(v, `"`) {
			continue
		}
		if byCode[code] == nil {
			byCode[code] = &strings.Builder{}
			codes = append(codes, code)
		}
		byCode[code].WriteString(strings.Trim(v, `"`))
	}
	var b strings.Builder
	for _, c := range codes {
		b.WriteString(byCode[c].String() + "|")
	}
	return b.String()
}

// TestPartPrefix: only a short code of digits or lower-case letters, a
// colon and a JSON value make a part; other lines are text.
func TestPartPrefix(t *testing.T) {
	for line, want := range map[string]int{
		`0:"a"`: 2, `g:"x"`: 2, `2:[{"a":1}]`: 2, `9:{"toolCallId":"c"}`: 2, `aa:"x"`: 3,
		`abc:"x"`: 0, `0:a`: 0, `:"a"`: 0, `0 :"a"`: 0, `X:"a"`: 0, `note: "a"`: 0, `0:`: 0,
	} {
		if got := partPrefix([]byte(line)); got != want {
			t.Errorf("partPrefix(%q) = %d, want %d", line, got, want)
		}
	}
}
