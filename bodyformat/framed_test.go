package bodyformat

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// ndjsonLines spells text as Ollama-style JSON lines, one "response" a
// piece.
func ndjsonLines(pieces ...string) string {
	var b strings.Builder
	for _, p := range pieces {
		fmt.Fprintf(&b, "{\"model\":\"m\",\"response\":%s,\"done\":false}\n", jsonString(p))
	}
	return b.String() + "{\"done\":true}\n"
}

// dataEvents spells text as plain server-sent events, one data line a
// piece.
func dataEvents(pieces ...string) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString("data: " + p + "\n\n")
	}
	return b.String()
}

// TestFramedBodiesJoined: server-sent events and JSON lines that arrive
// whole (a Content-Length, a text/plain label, no label) are read as a
// client of the stream reads them: the text of each field joined across
// events, so an identifier cut into pieces is masked in what the client
// shows.
func TestFramedBodiesJoined(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		id, m := synth.CNID18(r), synth.CNMobile(r)
		openai := strings.Join(deltas("身份证 ", id[:6], id[6:13], id[13:], " 手机 ", m[:5], m[5:]), "")
		ollama := ndjsonLines("身份证 ", id[:6], id[6:13], id[13:], " 手机 ", m[:5], m[5:])
		plain := dataEvents("身份证 "+id[:6], id[6:13], id[13:]+" 手机 "+m[:5], m[5:])
		for _, c := range []struct {
			name, ct, body string
			shown          func(string) string
		}{
			{"event-stream deltas", "text/event-stream", openai, func(s string) string { return contents(t, s) }},
			{"text/plain deltas", "text/plain; charset=utf-8", openai, func(s string) string { return contents(t, s) }},
			{"untyped deltas", "", openai, func(s string) string { return contents(t, s) }},
			{"octet-stream deltas", "application/octet-stream", openai, func(s string) string { return contents(t, s) }},
			{"event-stream CRLF", "text/event-stream", strings.ReplaceAll(openai, "\n", "\r\n"), func(s string) string { return contents(t, strings.ReplaceAll(s, "\r\n", "\n")) }},
			{"ndjson", "application/x-ndjson", ollama, ndjsonShown(t)},
			{"jsonl", "application/jsonl", ollama, ndjsonShown(t)},
			{"ndjson as text/plain", "text/plain", ollama, ndjsonShown(t)},
			{"ndjson untyped", "", ollama, ndjsonShown(t)},
			{"plain data events", "text/event-stream", plain, dataShown},
			{"plain data events as text", "text/plain", plain, dataShown},
			{"plain data events after junk", "text/plain", "hello\n" + plain, dataShown},
		} {
			t.Run(c.name, func(t *testing.T) {
				res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
				shown := c.shown(string(res.Body))
				for _, raw := range []string{id, m} {
					if strings.Contains(shown, raw) {
						t.Errorf("the client shows %s: %q", raw, shown)
					}
				}
				if !hasCategory(res.Findings, detect.CNID) || !hasCategory(res.Findings, detect.CNMobile) {
					t.Errorf("findings %+v", res.Findings)
				}
				scan := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Scan)
				if scan.Summary.Counts[detect.CNID] != 1 || scan.Summary.Counts[detect.CNMobile] != 1 {
					t.Errorf("scan counts %v, want one of each", scan.Summary.Counts)
				}
			})
		}
	}
}

// ndjsonShown returns what an Ollama client shows of JSON lines: the
// "response" fields joined.
func ndjsonShown(t *testing.T) func(string) string {
	return func(s string) string {
		var b strings.Builder
		for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
			var v struct{ Response string }
			if err := json.Unmarshal([]byte(line), &v); err != nil {
				t.Fatalf("line is not JSON: %q: %v", line, err)
			}
			b.WriteString(v.Response)
		}
		return b.String()
	}
}

// dataShown returns the data of plain server-sent events joined.
func dataShown(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if d, ok := strings.CutPrefix(line, "data: "); ok {
			b.WriteString(d)
		}
	}
	return b.String()
}

// TestFramedBodiesClean: a clean stream that arrives whole goes out byte
// for byte, its numbers included.
func TestFramedBodiesClean(t *testing.T) {
	for _, c := range []struct{ ct, body string }{
		{"text/event-stream", strings.Join(deltas("The answer is ", "42", ", computed in ", "2024", "."), "")},
		{"text/plain", strings.Join(deltas("The answer is ", "42", "."), "")},
		{"application/x-ndjson", ndjsonLines("count ", "1234", "5678", " items")},
		{"text/plain", dataEvents("order 1234", "5678 shipped")},
	} {
		res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
		if res.Changed || string(res.Body) != c.body {
			t.Errorf("%s changed: %q", c.ct, res.Body)
		}
	}
}

// FuzzInspectFramed inspects any bytes as a stream that arrived whole:
// no error, no panic, an unchanged body is the input itself, and a body
// without digits, '@', escapes or non-ASCII, in which the engine finds
// nothing, goes out as it came.
func FuzzInspectFramed(f *testing.F) {
	r := rng("fuzz framed")
	id := synth.CNID18(r)
	f.Add([]byte(strings.Join(deltas("证件 ", id[:5], id[5:]), "")), uint8(0))
	f.Add([]byte(ndjsonLines("ID ", id[:9], id[9:])), uint8(1))
	f.Add([]byte("junk\r"+dataEvents("tel "+id[:3], id[3:])), uint8(2))
	f.Add([]byte("data: x\r\n\r\ndata: y\n\n: comment\n\n{\"a\":1}\n{\"b\":\"2\"}"), uint8(3))
	f.Add([]byte(`[{"candidates":[{"content":{"parts":[{"text":"tel `+id[:5]+`"}]},"index":0}]},`+
		`{"candidates":[{"content":{"parts":[{"text":"`+id[5:]+`"}]},"index":0}]}]`), uint8(2))
	eng := testEngine(f)
	types := []string{"text/event-stream", "application/x-ndjson", "text/plain", ""}
	f.Fuzz(func(t *testing.T, body []byte, ct uint8) {
		typ := types[int(ct)%len(types)]
		res, err := Inspect(eng, body, typ, "", Redact, Limits{})
		if (errors.Is(err, errBinaryFields) || errors.Is(err, errBinaryText)) && !IsText(typ, body[:min(len(body), sniffLen)]) {
			return // a binary body holding personal data: refused, never rewritten (binaryForm, binaryText)
		}
		if err != nil {
			t.Fatalf("Inspect: %v", err)
		}
		if !res.Changed && !sameSlice(res.Body, body) {
			t.Fatalf("unchanged body is not the input")
		}
		plain := true
		for _, b := range body {
			plain = plain && b < 0x80 && !(b >= '0' && b <= '9') && b != '@' && b != '\\' && b != '%' && b != '&'
		}
		if plain && len(eng.Find(body)) == 0 && res.Changed {
			t.Fatalf("plain body changed:\n in %q\nout %q", body, res.Body)
		}
	})
}

// TestGeminiChunksJoined: Gemini's streamGenerateContent answers, unless
// asked for events, with one JSON array whose elements are the chunks
// ({"candidates":[{"content":{"parts":[{"text":…}]}}]}); its SDK joins
// their text. An identifier cut across chunks is masked in what it
// joins, the array stays valid JSON, and an array of other records is not
// joined.
func TestGeminiChunksJoined(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	chunk := func(text string) string {
		return `{"candidates":[{"content":{"parts":[{"text":` + jsonString(text) + `}],"role":"model"},"index":0}],"modelVersion":"g"}`
	}
	body := "[" + chunk("tel "+m[:5]) + ",\r\n" + chunk(m[5:]+" id "+id[:9]) + "\r\n," + chunk(id[9:]+" ok") + "]"
	for _, b := range []string{body, `[{"usageMetadata":{}},` + body[1:]} {
		res := mustInspect(t, testEngine(t), []byte(b), "application/json", "", Redact)
		assertChunksMasked(t, res.Body, m, id)
	}
	// records are not chunks: their values are not joined
	records := `[{"code":"` + m[:5] + `"},{"code":"` + m[5:] + `"}]`
	if res := mustInspect(t, testEngine(t), []byte(records), "application/json", "", Redact); res.Changed {
		t.Errorf("records joined: %q", res.Body)
	}
}

// assertChunksMasked checks that the chunks of a Gemini answer are JSON
// and that the text its SDK joins shows neither m nor id.
func assertChunksMasked(t *testing.T, body []byte, m, id string) {
	t.Helper()
	var chunks []struct {
		Candidates []struct {
			Content struct{ Parts []struct{ Text string } }
		}
	}
	if err := json.Unmarshal(body, &chunks); err != nil {
		t.Fatalf("not JSON: %v: %q", err, body)
	}
	var shown strings.Builder
	for _, c := range chunks {
		if len(c.Candidates) > 0 {
			shown.WriteString(c.Candidates[0].Content.Parts[0].Text)
		}
	}
	if strings.Contains(shown.String(), m) || strings.Contains(shown.String(), id) || !strings.HasSuffix(shown.String(), " ok") {
		t.Errorf("the SDK shows %q", shown.String())
	}
}

// TestMarkdownNotFramedAsJSON: a Markdown body of reference links back to
// back ([x][y], lines of them) is read as Markdown, not framed as JSON
// values back to back; the same bytes untyped still are, and a Markdown
// body of event lines is still read as events.
func TestMarkdownNotFramedAsJSON(t *testing.T) {
	body := []byte("[x][y] [1][a]\n[2][b]\n\n[y]: /y\n")
	for _, mt := range []string{"text/markdown", "text/x-markdown"} {
		if kind, ok := framing(mt, body); ok {
			t.Errorf("%s framed as %v", mt, kind)
		}
		if kind, ok := framing(mt, []byte("data: x\n\n")); !ok || kind != StreamEvents {
			t.Errorf("%s event lines: %v %v", mt, kind, ok)
		}
	}
	if _, ok := framing("", body); !ok {
		t.Errorf("untyped [x][y] lines not framed as JSON lines")
	}
}
