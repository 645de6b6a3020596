package bodyformat

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamEvictedFieldStaysMasked checks that a field the joiner
// forgets (past maxFields) while its text ends in the start of a number
// keeps that state: the digits that continue the number in a later event
// go out masked, whether few other fields came between (one event of 40)
// or so many that the forgotten paths are past maxPausedPaths (then every
// new field starts so: fail closed).
func TestStreamEvictedFieldStaysMasked(t *testing.T) {
	r := rng(t.Name())
	mobile := synth.CNMobile(r)
	delta := func(s string) string {
		return `data: {"choices":[{"index":0,"delta":{"content":` + strconv.Quote(s) + `}}]}` + "\n\n"
	}
	for _, others := range []int{1, 3 * maxPausedPaths} {
		t.Run(strconv.Itoa(others), func(t *testing.T) {
			var body strings.Builder
			body.WriteString(delta("手机 " + mobile[:3]))
			for e := range others {
				// each event 40 fields, each ending open in digits
				body.WriteString(`data: {"meta":{`)
				for k := range 40 {
					if k > 0 {
						body.WriteString(",")
					}
					fmt.Fprintf(&body, `"e%dk%d":"v%d"`, e, k, k)
				}
				body.WriteString("}}\n\n")
			}
			body.WriteString(delta(mobile[3:] + " 好"))
			var out bytes.Buffer
			s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
			if _, err := s.Write([]byte(body.String())); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			var shown strings.Builder
			for line := range strings.SplitSeq(out.String(), "\n") {
				if k := strings.Index(line, `"content":"`); k >= 0 {
					v, _, _ := strings.Cut(line[k+len(`"content":"`):], `"`)
					shown.WriteString(v)
				}
			}
			if !strings.HasPrefix(shown.String(), "手机 ") || strings.Contains(shown.String(), mobile[3:7]) || strings.Contains(shown.String(), mobile[3:]) {
				t.Errorf("client shows %q", shown.String())
			}
		})
	}
}
