package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestTagViewGetsEveryReading (attack pass 33, F6): the tag reading
// (decodeTagChars) hands the engine the ASCII that tag characters mirror,
// and nothing more: none of the readings a piece's text gets (the
// delimited groups behind a label, the positional parts, the Markdown
// soft breaks, percent escapes, a stream field's text joined across
// events, the digit members of an object under a phone key) reads that
// ASCII. A model reading the
// tags reads "手机 138|1234|5678", which the filter masks when written
// in ASCII (the control); spelled in tags, whole or for one group, the
// mobile passes.
func TestTagViewGetsEveryReading(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	tags := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			b.WriteRune(0xE0000 + c)
		}
		return b.String()
	}
	for range 3 {
		m := synth.CNMobile(r)
		for _, tc := range []struct{ ascii, tagged, ct string }{
			{"手机 " + m[:3] + "|" + m[3:7] + "|" + m[7:], "手机 " + tags(m[:3]+"|"+m[3:7]+"|"+m[7:]), "text/plain"},
			{"手机 " + m[:3] + "|" + m[3:7] + "|" + m[7:], "手机 " + m[:3] + "|" + tags(m[3:7]) + "|" + m[7:], "text/plain"},
			{"手机号前三位是" + m[:3] + "，中间四位是" + m[3:7] + "，后四位是" + m[7:], "手机号前三位是" + m[:3] + "，中间四位是" + tags(m[3:7]) + "，后四位是" + m[7:], "text/plain"},
			{"tel " + m[:3] + "\n" + m[3:7] + "\n" + m[7:], "tel " + m[:3] + "\n" + tags(m[3:7]) + "\n" + m[7:], "text/markdown"},
			{"data: {\"content\":\"" + m[:3] + "\"}\n\ndata: {\"content\":\"" + m[3:] + "\"}\n\n", "data: {\"content\":\"" + m[:3] + "\"}\n\ndata: {\"content\":\"" + tags(m[3:]) + "\"}\n\n", "text/event-stream"},
			{`{"phone":{"a":"` + m[:3] + `","b":"` + m[3:] + `"}}`, `{"phone":{"a":"` + tags(m[:3]) + `","b":"` + tags(m[3:]) + `"}}`, "application/json"},
			{"tel " + m[:3] + "%" + "3" + m[3:4] + m[4:], "tel " + tags(m[:3]) + "%3" + m[3:4] + tags(m[4:]), "text/plain"},
		} {
			if res := mustInspect(t, eng, []byte(tc.ascii), tc.ct, "", Redact); !res.Changed {
				t.Fatalf("control: %q passes", tc.ascii)
			}
			if res := mustInspect(t, eng, []byte(tc.tagged), tc.ct, "", Redact); !res.Changed {
				t.Errorf("%s: %q passes; its tags read as ASCII are %q", tc.ct, tc.tagged, tc.ascii)
			}
		}
	}
}
