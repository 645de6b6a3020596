package bodyformat

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNDJSONLogRecordsNotJoined: clean NDJSON log records (one event a
// line, no model streaming) whose message key only ends in a word a
// model's client appends (error_message, output_text, log_text,
// statusMessage: appendedKey's last word) are not joined across records:
// a record ending in "attempt 186" and the next starting with "58473661
// bytes" were read as one mobile and both records altered, buffered and
// streamed (attack pass 31 F11, attack31 58d8162).
func TestNDJSONLogRecordsNotJoined(t *testing.T) {
	for _, key := range []string{"error_message", "output_text", "log_text", "statusMessage", "detail_text"} {
		body := `{"level":"info","` + key + `":"upload retried, attempt 186"}` + "\n" +
			`{"level":"info","` + key + `":"58473661 bytes written"}` + "\n"
		res, err := Inspect(testEngine(t), []byte(body), "application/x-ndjson", "", Redact, Limits{})
		if err != nil || res.Changed {
			t.Errorf("%s: clean log records altered (buffered): %q %v", key, res.Body, err)
		}
		var out bytes.Buffer
		s := NewStream(testEngine(t), &out, StreamLines, StreamOptions{Mode: Redact, MediaType: "application/x-ndjson"})
		_, werr := s.Write([]byte(body))
		if cerr := s.Close(); werr != nil || cerr != nil || out.String() != body {
			t.Errorf("%s: clean log records altered (stream): %q %v %v", key, out.String(), werr, cerr)
		}
	}
}

// TestNDJSONCompoundKeysJoinedInModelStreams: a member under a key whose
// last word a client appends is still joined across lines that have a
// model stream's shape (a marker member: model, done, type, event_type,
// choices; or nothing but such members and the protocol's own), and a
// bare word (text, response) on a record's line is joined as before;
// a mobile split over three lines is masked in what the client shows.
func TestNDJSONCompoundKeysJoinedInModelStreams(t *testing.T) {
	r := rng(t.Name())
	for _, line := range []string{
		`{"model":"m","created_at":"2026-12-06T10:00:00Z","reasoning_content":%s,"done":false}`,
		`{"model":"m","message":{"role":"assistant","reasoning_content":%s},"done":false}`,
		`{"type":"response.output_text.delta","output_text":%s}`,
		`{"event_type":"text-generation","is_finished":false,"text_delta":%s}`,
		`{"choices":[{"index":0,"delta":{"reasoningContent":%s}}]}`,
		`{"reasoning_content":%s}`,
		`{"id":"c1","index":0,"output_text":%s}`,
		`{"level":"info","text":%s}`,
		`{"source":"peer","response":%s}`,
	} {
		m := synth.CNMobile(r)
		var body strings.Builder
		for _, p := range []string{"电话 " + m[:3], m[3:7], m[7:] + " 好"} {
			body.WriteString(strings.Replace(line, "%s", strconv.Quote(p), 1) + "\n")
		}
		res := mustInspect(t, testEngine(t), []byte(body.String()), "application/x-ndjson", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), m[3:7]) {
			t.Errorf("%s: not joined: %q %v", line, res.Body, res.Findings)
		}
	}
}

// TestLineShape checks what a JSON line's top-level keys say of it: a
// marker makes it a model stream's line whatever else it holds; a
// record's member without one makes it a record; the protocol's own
// members and appended keys say nothing.
func TestLineShape(t *testing.T) {
	for doc, want := range map[string]bool{
		`{"level":"info","error_message":"x"}`:             false,
		`{"ts":1,"statusMessage":"x"}`:                     false,
		`{"MODEL":"m","level":"info","output_text":"x"}`:   true,
		`{"done":false,"thinking_text":"x"}`:               true,
		`{"output_text":"x"}`:                              true,
		`{"id":"a","message_id":"b","index":2,"role":"x"}`: true,
		`{"message":{"level":"info","error_message":"x"}}`: true,
		`["a","b"]`: true,
		`{"` + strings.Repeat("k", 40) + `_text":"x"}`:      false,
		`{"source":"peer","category":"amount","value":"1"}`: false,
	} {
		_, _, shape, ok := jsonStrings([]byte(doc), DefaultMaxDepth)
		if !ok || shape.streamed() != want {
			t.Errorf("%s: streamed %v, want %v", doc, shape.streamed(), want)
		}
	}
}
