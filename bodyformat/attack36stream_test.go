package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack36StreamTagsBetweenEvents (attack pass 36): an LLM's reply
// streamed as delta.content events, a mobile's pieces with inline HTML
// between them (171<b>7146</b>8916: a Markdown renderer shows inline
// HTML's text, "1717146 8916" unbroken), passes whole when the tags
// and digits fall in different events, paused or not; the same text
// in one event, in a whole JSON reply or in text/markdown is masked
// (control). The joined stream text is not read with its markup taken
// out (the HTML-tag reading the single-event text gets).
func TestAttack36StreamTagsBetweenEvents(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	a, b, c := m[:3], m[3:7], m[7:]
	if shown := sendDeltas(t, []string{"手机 " + a + "<b>" + b + "</b>" + c + " 好"}, false); strings.Contains(shown, b) {
		t.Fatalf("control, one event: %q", shown)
	}
	for _, tc := range []struct {
		name   string
		pieces []string
	}{
		{"bold", []string{"手机 ", a + "<b>", b + "</b>", c, " 好"}},
		{"span", []string{"手机 " + a, "<span>" + b + "</span>", c + " 好"}},
		{"comment", []string{"手机 " + a, "<!-- x -->", b + c + " 好"}},
		{"wbr", []string{"手机 " + a + "<wbr>", b + "<wbr>", c + " 好"}},
	} {
		for _, paused := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/paused=%v", tc.name, paused), func(t *testing.T) {
				if shown := sendDeltas(t, tc.pieces, paused); strings.Contains(shown, b) && strings.Contains(shown, c) {
					t.Errorf("%q: client shows %q", tc.pieces, shown)
				}
			})
		}
	}
}

// TestAttack36StreamPausedMarkdownShowsSeven (attack pass 36): paused
// after each delta.content event, a mobile with Markdown or an invisible
// character between its pieces (174`3234`6537, 174[3234](/x)6537,
// 174<U+00AD>3234<U+00AD>6537) goes out showing 7 of its 11 digits
// (174`3234`****), where the same pieces with nothing between show 3
// (174********) and the paused stream's promise is at most 4 (as
// TestStreamSymbolDigitsPausedMasked holds for other spellings): the
// hold-back of an open tail (maskOpenTailFrom, releasedOpenDigits) ends
// the tail at a byte that is no digit, while the joined reading reads
// across it once the last piece comes, too late.
func TestAttack36StreamPausedMarkdownShowsSeven(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	a, b, c := m[:3], m[3:7], m[7:]
	if shown := engineDigitsShown(sendDeltas(t, []string{"手机 ", a, b, c, " 好"}, true)); len(shown) > 4 {
		t.Fatalf("control shows digits %s", shown)
	}
	for _, tc := range []struct{ name, l, r string }{
		{"code span", "`", "`"},
		{"link", "[", "](/x)"},
		{"strike", "~~", "~~"},
		{"underscore", "_", "_"},
		{"soft hyphen", "\u00ad", "\u00ad"},
		{"zero width space", "\u200b", "\u200b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pieces := []string{"手机 ", a, tc.l, b, tc.r, c, " 好"}
			shown := sendDeltas(t, pieces, true)
			if seen := engineDigitsShown(shown); len(seen) > 4 {
				t.Errorf("%q paused: client shows %q (%d digits of %s)", pieces, shown, len(seen), m)
			}
		})
	}
}
