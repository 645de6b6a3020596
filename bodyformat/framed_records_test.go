package bodyformat

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// recordLines spells JSON lines of records, each with a few members and
// one value under key, a piece a line.
func recordLines(key string, pieces ...string) string {
	var b strings.Builder
	for _, p := range pieces {
		fmt.Fprintf(&b, "{\"source\":\"peer\",\"category\":\"amount\",%q:%s,\"expect\":\"not_pii\"}\n", key, jsonString(p))
	}
	return b.String()
}

// TestJSONLineRecordsNotJoined checks that JSON lines whose members are
// records' values (amounts -1, 900, 235.09, 12,345,678.90 one a line, as
// a data set lists them) are not joined across lines into a mobile, read
// buffered (labelled, as text, untyped) or streamed, while the same
// pieces under a key a client appends (Ollama's "response") still are.
func TestJSONLineRecordsNotJoined(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		m := synth.CNMobile(r)
		// joined: -m[0:7].m[7:11],345,678.90, a mobile written 7.4
		pieces := []string{"-" + m[:1], m[1:4], m[4:7] + "." + m[7:9], m[9:] + ",345,678.90"}
		records := recordLines("value", pieces...)
		deltas := recordLines("response", pieces...)
		for _, ct := range []string{"application/x-ndjson", "text/plain", ""} {
			if res := mustInspect(t, testEngine(t), []byte(records), ct, "", Redact); len(res.Findings) != 0 || res.Changed {
				t.Errorf("%q: records %q: findings %+v, body %q", ct, records, res.Findings, res.Body)
			}
			if res := mustInspect(t, testEngine(t), []byte(deltas), ct, "", Scan); res.Summary.Counts[detect.CNMobile] != 1 {
				t.Errorf("%q: deltas %q: counts %v, want one mobile", ct, deltas, res.Summary.Counts)
			}
		}
		for _, c := range []struct {
			body string
			want int
		}{{records, 0}, {deltas, 1}} {
			var out bytes.Buffer
			found := 0
			s := NewStream(testEngine(t), &out, StreamLines, StreamOptions{Mode: Redact, OnFinding: func(detect.Finding) { found++ }})
			if _, err := s.Write([]byte(c.body)); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if found != c.want {
				t.Errorf("streamed %q: %d findings, want %d (%q)", c.body, found, c.want, out.String())
			}
		}
	}
}
