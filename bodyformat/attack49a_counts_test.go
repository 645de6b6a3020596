package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack49aArgsCountTakenByOtherValue: the event and text readings'
// findings are credited per category (countedIDs.left), not per value, so
// a JSON reading's finding of another value of the same category (a
// mobile split over sibling members, which only the JSON reading sees)
// is taken by a credit the event left: it is counted zero times. Two
// shapes: the first mobile written twice in the arguments (the JSON
// reading's second sight of it is skipped as seen, leaving the credit),
// and the first mobile in the same event's assistant text (OpenAI chat:
// content and tool_calls in one delta), whose finding the arguments take.
// Want: the split mobile adds a finding (it is counted at least once).
func TestAttack49aArgsCountTakenByOtherValue(t *testing.T) {
	r := rng(t.Name())
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	split := `"tel1": "` + m2[:3] + `", "tel2": "` + m2[3:7] + `", "tel3": "` + m2[7:] + `"`
	doc := `{"a": "` + m1 + `", "b": "` + m1 + `", "c": {` + split + `}}`
	twice := `{"a": "` + m1 + `", "b": "` + m1 + `"}`
	for dname, ev := range argDialects {
		for _, cut := range []int{7, 16, 64, 4096} {
			base, _ := streamArgCount(t, ev, twice, cut, Scan)
			fs, _ := streamArgCount(t, ev, doc, cut, Scan)
			if len(fs) <= len(base) {
				t.Errorf("%s, cut %d: %d findings with the split m2, %d without: m2 counted zero times", dname, cut, len(fs), len(base))
			}
		}
	}
	// the assistant's text and the arguments in one delta
	withContent := func(content, args string) string {
		return `data: {"choices":[{"delta":{"content":` + jsonString(content) + `,"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(args) + "}}]}}]}\n\n"
	}
	doc2 := `{"c": {` + split + `}}`
	for _, cut := range []int{7, 64, 4096} {
		var n int
		var out strings.Builder
		s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Scan, MaxHeld: 1 << 20, OnFinding: func(detect.Finding) { n++ }})
		for i := 0; i < len(doc2); i += cut {
			content := ""
			if i == 0 {
				content = "call me " + m1
			}
			if _, err := s.Write([]byte(withContent(content, doc2[i:min(len(doc2), i+cut)]))); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if n < 2 {
			t.Errorf("content+args, cut %d: %d findings, want 2 (m1 in the text, the split m2 in the arguments)", cut, n)
		}
	}
}
