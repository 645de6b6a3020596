package bodyformat

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestJSONSequenceFramings: a stream of JSON values framed other
// than one a line: RFC 7464 json-seq (RS before each), values one after
// another with no line break or with spaces (Go's json.Decoder, Jackson's
// MappingIterator and ijson read them so), CR line ends. The client joins
// each value's "response" (Ollama) or "text". Rows that pass on main
// confirm the defence.
func TestJSONSequenceFramings(t *testing.T) {
	eng := testEngine(t)
	r := rng("json seq")
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	secret := "号码 " + mobile + " 证件 " + id
	pieces := synth.RunePieces(secret, 3)
	frame := func(pre, sep, key string) []byte {
		var b bytes.Buffer
		for _, p := range pieces {
			b.WriteString(pre + `{"` + key + `":` + strconv.Quote(p) + `,"done":false}` + sep)
		}
		return b.Bytes()
	}
	rows := []struct {
		name, ct string
		body     []byte
		key      string
	}{
		{"json-seq", "application/json-seq", frame("\x1e", "\n", "text"), "text"},
		{"json-seq no LF", "application/json-seq", frame("\x1e", "", "text"), "text"},
		{"concatenated", "application/x-ndjson", frame("", "", "response"), "response"},
		{"space separated", "application/x-ndjson", frame("", " ", "response"), "response"},
		{"CR ends", "application/x-ndjson", frame("", "\r", "response"), "response"},
		{"concatenated json", "application/json", frame("", "", "response"), "response"},
		{"concatenated untyped", "", frame("", "", "response"), "response"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			res, err := Inspect(eng, row.body, row.ct, "", Redact, Limits{})
			if err != nil {
				return // refused: fails closed
			}
			dec := json.NewDecoder(bytes.NewReader(bytes.ReplaceAll(res.Body, []byte("\x1e"), nil)))
			var shown strings.Builder
			for {
				var m map[string]any
				if err := dec.Decode(&m); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("redacted stream no longer decodes: %v (%q)", err, res.Body)
				}
				s, _ := m[row.key].(string)
				shown.WriteString(s)
			}
			for _, v := range []string{mobile, id} {
				if strings.Contains(shown.String(), v) {
					t.Errorf("client shows %q (format %s)", shown.String(), res.Format)
				}
			}
		})
	}
}
