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
// VT, FF, FS, GS, RS, NEL, U+2028, U+2029) are lines to a client that splits as Python does, so
// a resident ID cut across two of them is joined and masked, buffered
// (labelled NDJSON or not) and streamed, in one write or a line a write;
// each line stays JSON, and the line breaks stay as they came.
func TestJSONLinesEndedByAnyLineBreak(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for _, br := range []string{"\r", "\r\n", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\u0085", "\u2028", "\u2029"} {
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
		if len(br) > 1 {
			// the break cut across two writes (CRLF: the CR ends one
			// write, its LF opens the next)
			outs["streamed break cut"], _ = streamThrough(t, StreamLines, Redact, lines[0][:len(lines[0])-1], lines[0][len(lines[0])-1:]+lines[1], lines[2])
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
// its line, even when the lines are ended by U+2028.
func TestJSONLinesBreaksKeepCleanLines(t *testing.T) {
	eng := testEngine(t)
	for _, br := range []string{"\r", "\r\n", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\u0085", "\u2028", "\u2029"} {
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

// scanLines returns the lines lineScan cuts b into when b comes in the
// given writes.
func scanLines(writes ...[]byte) []string {
	var ls lineScan
	var lines []string
	var cur []byte
	for _, p := range writes {
		for len(p) > 0 {
			e := ls.end(p)
			if e < 0 {
				cur = append(cur, p...)
				break
			}
			lines = append(lines, string(append(cur, p[:e]...)))
			cur, p = nil, p[e:]
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// TestLineScanAcrossWrites: lineScan cuts the same lines whatever the
// writes a stream comes in, a NEL, U+2028 or escaped quote cut across two
// of them included, and never inside a JSON string.
func TestLineScanAcrossWrites(t *testing.T) {
	body := []byte(`{"a":"x\u2028y \"q\u2029\" \\"}` + "\u2028" + `{"b":1}` + "\u0085" + `"s\\"` + "\u2029" + `{"c":"\\\"` + "\u2028" + `"}` + "\r\n" + `{}` + "\r" + "\n" + `[]` + "\u2028")
	want := []string{
		`{"a":"x\u2028y \"q\u2029\" \\"}` + "\u2028",
		`{"b":1}` + "\u0085",
		`"s\\"` + "\u2029",
		`{"c":"\\\"` + "\u2028" + `"}` + "\r\n",
		`{}` + "\r\n",
		`[]` + "\u2028",
	}
	if got := scanLines(body); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("one write: %q", got)
	}
	for i := 1; i < len(body); i++ {
		got := strings.Join(scanLines(body[:i], body[i:]), "")
		if got != string(body) {
			t.Fatalf("cut at %d: %q", i, got)
		}
		lines := scanLines(body[:i], body[i:])
		n := len(want)
		if body[i-1] == '\r' && body[i] == '\n' {
			n++ // a CR last in a write ends its line; the LF is a blank line
		}
		if len(lines) != n {
			t.Errorf("cut at %d: %q", i, lines)
		}
	}
}

// TestTextLinesKeepCarriageReturns: in a stream of text lines a lone CR is
// a terminal's carriage return, not a line end: "xxx<last 8>\r<first 3>"
// shows a mobile on a terminal, and is masked streamed as it is buffered;
// a CR after a JSON value ends its line.
func TestTextLinesKeepCarriageReturns(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	for _, body := range []string{"xxx" + m[3:] + "\r" + m[:3] + "\n", "tel xxx" + m[3:] + "\rtel " + m[:3] + "\n"} {
		if out, _ := streamThrough(t, StreamLines, Redact, body); out == body {
			t.Errorf("overstruck mobile streamed unmasked: %q", out)
		}
	}
	for _, tc := range []struct {
		body string
		n    int
	}{
		{"xxx5678\r138\n", 1},
		{`he said "hi"` + "\r" + `x` + "\n", 1},
		{`{"a":1} x` + "\r" + `{"b":2}` + "\n", 1},
		{`{"a":1}` + " \r" + `{"b":2}` + "\n", 2},
		{`[1,{"a":"}"}]` + "\v" + `"s"` + "\f" + `0:"t"` + "\x1e", 3},
	} {
		if got := scanLines([]byte(tc.body)); len(got) != tc.n {
			t.Errorf("%q: %q", tc.body, got)
		}
	}
}
