package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLegacyCharactersBetweenDigitsRead: a mobile whose digits stand
// apart, each followed by a character of the legacy label that is no
// UTF-8 (号 BA C5 in GBK, a cut-off UTF-8 sequence E4 B8 that GBK reads
// as one character), is masked whatever the label says, as it is labelled
// UTF-8: fetch() and EventSource decode UTF-8 whatever the label and show
// 1�3�8…, and a reader dropping invalid bytes shows the number. (So
// 138号12345678 in a GBK-labelled body is starred too: its UTF-8 reader
// shows 138��12345678, a mobile with two marks in it.)
func TestLegacyCharactersBetweenDigitsRead(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, sep := range []string{"\xe4\xb8", "\xba\xc5", "\xc4\xea"} {
		spaced := strings.Join(strings.Split(mob, ""), sep)
		for _, tmpl := range []string{"%s", "电话 %s", `{"tel":"%s"}`, "data: %s\n\n"} {
			body := []byte(strings.Replace(tmpl, "%s", spaced, 1))
			for _, base := range []string{"text/plain", "application/json", "text/event-stream", "text/html"} {
				ref := mustInspect(t, eng, body, base+"; charset=utf-8", "", Redact)
				res := mustInspect(t, eng, body, base+"; charset=gbk", "", Redact)
				if ref.Changed && strings.Contains(strings.ToValidUTF8(string(res.Body), ""), mob) {
					t.Errorf("%s, %q between digits: masked labelled utf-8, not labelled gbk", base, sep)
				}
			}
		}
	}
}
