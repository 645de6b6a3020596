package bodyformat

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// splitLinesAsPython splits s where Python's str.splitlines does (CRLF as
// one break), as requests' iter_lines does.
func splitLinesAsPython(s string) []string {
	var lines []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n\v\f\x1c\x1d\x1e\u0085\u2028\u2029")
		if i < 0 {
			return append(lines, s)
		}
		lines = append(lines, s[:i])
		if strings.HasPrefix(s[i:], "\r\n") {
			s = s[i+2:]
		} else {
			_, n := utf8.DecodeRuneInString(s[i:])
			s = s[i+n:]
		}
	}
	return lines
}

// joinedResponses parses each line of out as JSON, as a client that splits
// lines where Python does, and joins their "response" strings; a line that
// is not JSON fails the test.
func joinedResponses(t *testing.T, name, out string) string {
	t.Helper()
	var b strings.Builder
	for _, l := range splitLinesAsPython(out) {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var v struct{ Response string }
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Errorf("%s: a line is not JSON: %q in %q", name, l, out)
			continue
		}
		b.WriteString(v.Response)
	}
	return b.String()
}

// TestJSONLinesEndedByAnyLineBreak: JSON lines ended by a lone CR (or CRLF,
// VT, FF, FS, GS, RS) are lines to a client that splits as Python does, so
// a resident ID cut across two of them is joined and masked, buffered
// (labelled NDJSON or not) and streamed, in one write or a line a write;
// each line stays JSON, and the line breaks stay as they came.
func TestJSONLinesEndedByAnyLineBreak(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for _, br := range []string{"\r", "\r\n", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e"} {
		id := synth.CNID18(r)
		lines := []string{`{"response":"` + id[:4] + `"}` + br, `{"response":"` + id[4:] + `"}` + br, `{"response":" bye"}` + br}
		body := strings.Join(lines, "")
		outs := map[string]string{}
		for _, ct := range []string{"application/x-ndjson", "application/jsonl", "text/plain", ""} {
			res := mustInspect(t, eng, []byte(body), ct, "", Redact)
			outs["buffered "+ct] = string(res.Body)
		}
		outs["streamed whole"], _ = streamThrough(t, StreamLines, Redact, body)
		outs["streamed a line a write"], _ = streamThrough(t, StreamLines, Redact, lines...)
		if br == "\r\n" {
			// the CR ends one write, its LF opens the next
			outs["streamed CRLF cut"], _ = streamThrough(t, StreamLines, Redact, lines[0][:len(lines[0])-1], "\n"+lines[1], lines[2])
		}
		for way, out := range outs {
			name := way + " " + strings.ReplaceAll(br, "\r", `\r`)
			if got := joinedResponses(t, name, out); strings.Contains(got, id) || strings.Contains(got, id[4:]) {
				t.Errorf("%s: the ID went out joined: %q", name, out)
			}
			if strings.Count(out, br) != strings.Count(body, br) {
				t.Errorf("%s: line breaks changed: %q", name, out)
			}
		}
	}
}

// TestJSONLinesBreaksKeepCleanLines: clean JSON lines ended by each line
// break, numbers that are no identifier among them, go out byte for byte,
// buffered and streamed; a raw U+2028 inside a JSON string does not cut
// its line.
func TestJSONLinesBreaksKeepCleanLines(t *testing.T) {
	eng := testEngine(t)
	for _, br := range []string{"\r", "\r\n", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e"} {
		body := `{"response":"order 1234"}` + br + `{"response":"5678 shipped"}` + br + `{"n":20240601,"t":"a` + "\u2028" + `b"}` + br
		for _, ct := range []string{"application/x-ndjson", "text/plain"} {
			if res := mustInspect(t, eng, []byte(body), ct, "", Redact); !bytes.Equal(res.Body, []byte(body)) {
				t.Errorf("%q %s: clean lines altered: %q", br, ct, res.Body)
			}
		}
		if out, _ := streamThrough(t, StreamLines, Redact, body); out != body {
			t.Errorf("%q streamed: clean lines altered: %q", br, out)
		}
	}
}
