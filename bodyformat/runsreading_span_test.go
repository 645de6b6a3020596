package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRunsReadingSpanEndsAtLastDigit: a runs reading (decodeDelimited)
// keeps delimitedContext bytes after a run and drops the rest; when that
// context ends inside an 18-digit resident ID, the reading holds its first
// 15 digits, a 15-digit ID. The finding's span must end after its last
// digit, not where the reading's next byte comes from (the end of the
// text, or the next run kilobytes on): the prose after the ID stays
// byte-for-byte intact (found in mix 43 of TestWindowsSameAsWhole).
func TestRunsReadingSpanEndsAtLastDigit(t *testing.T) {
	eng := testEngine(t)
	first17 := "32010520070815123" // its first 15 digits are a valid 15-digit ID too
	id := first17 + string(synth.CNIDCheckChar(first17))
	if !synth.ValidCNID15(id[:15]) {
		t.Fatal("fixture: the ID's first 15 digits must be a valid 15-digit ID")
	}
	const prose = "本市今年第一季度新增城镇就业，大家听到这个消息都很高兴，这个方法值得在全省推广。"
	refs := "&#49;&#56;&#53;&#54;&#50;&#53;&#55;&#53;&#57;&#52;&#52;" // a mobile spelled in references
	for _, tc := range []struct{ name, body string }{
		{"prose after", "手机175零零一一8992。<p>" + refs + "</p>\n第二季度同比增长1%。\n身份证号：" + id + "\n" + prose},
		{"next run far on", "手机175零零一一8992。<p>" + refs + "</p>\n第二季度同比增长1%。\n身份证号：" + id + "\n" + prose +
			strings.Repeat(prose, 60) + "手机175零零一一8992。" + prose},
	} {
		body := []byte(tc.body)
		for _, ct := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"} {
			got, err := Inspect(eng, body, ct, "", Redact, Limits{})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			out := string(got.Body)
			if strings.Contains(out, id[4:14]) {
				t.Errorf("%s as %s: the ID's digits are left", tc.name, ct)
			}
			_, after, _ := strings.Cut(out, "身份证号：")
			masked, rest, _ := strings.Cut(after, "\n")
			if len(masked) != len(id) || !strings.HasPrefix(rest, prose) {
				t.Errorf("%s as %s: the span masked is not the ID alone: %q then %d bytes of prose", tc.name, ct, masked, len(rest))
			}
			for _, f := range got.Findings {
				if f.Category == "cn_id" && f.End-f.Start != len(id) {
					t.Errorf("%s as %s: cn_id spans %d bytes, want %d", tc.name, ct, f.End-f.Start, len(id))
				}
			}
		}
	}
}
