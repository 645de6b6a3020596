package bodyformat

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamToolArgumentsCountPerValue (attack pass 49a, F1): a tool
// call's streamed arguments count each distinct value once, keyed by the
// value, not by its category: m1 written twice and m2 split over sibling
// members (found by the JSON reading alone) are two findings in each of
// the three APIs, whatever the cut of the pieces; in Redact mode neither
// raw value goes out and the clean text does.
func TestStreamToolArgumentsCountPerValue(t *testing.T) {
	r := rng(t.Name())
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	for m2 == m1 {
		m2 = synth.CNMobile(r)
	}
	split := `"tel1": "` + m2[:3] + `", "tel2": "` + m2[3:7] + `", "tel3": "` + m2[7:] + `"`
	doc := `{"a": "` + m1 + `", "note": "plain words kept", "b": "` + m1 + `", "c": {` + split + `}}`
	for dname, ev := range argDialects {
		for _, mode := range []Mode{Scan, Redact} {
			for _, cut := range []int{1, 2, 3, 5, 7, 11, 16, 64, 256, 4096} {
				fs, out := streamArgCount(t, ev, doc, cut, mode)
				if len(fs) != 2 {
					t.Errorf("%s, mode %v, cut %d: %d findings, want 2 (m1 once, the split m2 once)", dname, mode, cut, len(fs))
				}
				if strings.Contains(out, m1) {
					t.Errorf("%s, cut %d: m1 raw in the output", dname, cut)
				}
				if mode != Redact {
					continue
				}
				if args := joinedArgs(t, out); !strings.Contains(args, `, "note": "plain words kept", "b": "`) || !strings.HasPrefix(args, `{"a": "`) {
					t.Errorf("%s, mode %v, cut %d: the clean text changed: %q", dname, mode, cut, args)
				}
			}
		}
	}
}

// TestStreamToolArgumentsContentNotCredited (attack pass 49a, F1): in
// OpenAI chat, the assistant's text and the tool call's arguments come in
// one delta. A mobile in the text counts there and is no credit for the
// arguments: m1 in the content, then m1 and the split m2 in the
// arguments, are three findings (m1 in each place, m2 once), whatever
// the cut; m2 alone in the arguments beside m1 in the content is two.
func TestStreamToolArgumentsContentNotCredited(t *testing.T) {
	r := rng(t.Name())
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	for m2 == m1 {
		m2 = synth.CNMobile(r)
	}
	withContent := func(content, args string) string {
		return `data: {"choices":[{"delta":{"content":` + jsonString(content) + `,"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(args) + "}}]}}]}\n\n"
	}
	split := `"tel1": "` + m2[:3] + `", "tel2": "` + m2[3:7] + `", "tel3": "` + m2[7:] + `"`
	docs := map[string]struct {
		doc  string
		want int
	}{
		"m1 and split m2": {`{"a": "` + m1 + `", "c": {` + split + `}}`, 3},
		"split m2":        {`{"c": {` + split + `}}`, 2},
	}
	for name, d := range docs {
		for _, cut := range []int{1, 3, 7, 16, 64, 4096} {
			var n int
			var out strings.Builder
			s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact, MaxHeld: 1 << 20, OnFinding: func(detect.Finding) { n++ }})
			for i := 0; i < len(d.doc); i += cut {
				content := ""
				if i == 0 {
					content = "call me " + m1
				}
				if _, err := s.Write([]byte(withContent(content, d.doc[i:min(len(d.doc), i+cut)]))); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if n != d.want {
				t.Errorf("%s, cut %d: %d findings, want %d", name, cut, n, d.want)
			}
			if strings.Contains(out.String(), m1) {
				t.Errorf("%s, cut %d: m1 raw in the output", name, cut)
			}
		}
	}
}

// TestCountedIDsEvictOnlyOvercounts: past maxArgCounted values the oldest
// half is forgotten; a value is then counted again (overcount), but every
// value is counted at least once: its first sight always counts.
func TestCountedIDsEvictOnlyOvercounts(t *testing.T) {
	var c countedIDs
	const n = 3*maxArgCounted + 7
	fp := func(i int) string { return fmt.Sprintf("%016x", i) }
	for i := 0; i < n; i++ {
		fs := []detect.Finding{{Category: detect.CNMobile, Fingerprint: fp(i)}, {Category: detect.CNMobile, Fingerprint: fp(i)}}
		if got := len(c.fresh(fs)); got != 1 {
			t.Fatalf("value %d, twice in one reading: counted %d times, want 1", i, got)
		}
		if got := len(c.fresh([]detect.Finding{{Category: detect.CNMobile, Fingerprint: fp(i / 2)}})); i/2 < i && got != 0 && i-i/2 < maxArgCounted/2 {
			t.Fatalf("value %d seen again while kept: counted again", i/2)
		}
		if len(c.order) > maxArgCounted || len(c.seen) != len(c.order) {
			t.Fatalf("%d values kept (%d in the set), bound %d", len(c.order), len(c.seen), maxArgCounted)
		}
	}
	// forgotten: counted again, never zero times
	if got := len(c.fresh([]detect.Finding{{Category: detect.CNMobile, Fingerprint: fp(0)}})); got != 1 {
		t.Errorf("a forgotten value counted %d times, want 1 (overcount, never less)", got)
	}
	// a finding with no fingerprint always counts
	if got := len(c.fresh([]detect.Finding{{Category: detect.CNMobile}, {Category: detect.CNMobile}})); got != 2 {
		t.Errorf("findings with no fingerprint: %d counted, want 2", got)
	}
}

// TestStreamToolArgumentsCountPastCap: more distinct values than
// maxArgCounted in one call's arguments each count at least once (the
// eviction of the oldest may only count one again), and a value split
// over siblings after them still counts.
func TestStreamToolArgumentsCountPastCap(t *testing.T) {
	r := rng(t.Name())
	seen := map[string]bool{}
	var b strings.Builder
	b.WriteString(`{"list": [`)
	const n = maxArgCounted + 100
	var first string
	for len(seen) < n {
		m := synth.CNMobile(r)
		if seen[m] {
			continue
		}
		if len(seen) == 0 {
			first = m
		} else {
			b.WriteString(", ")
		}
		seen[m] = true
		b.WriteString(`"` + m + `"`)
	}
	m2 := synth.CNMobile(r)
	for seen[m2] {
		m2 = synth.CNMobile(r)
	}
	b.WriteString(`], "again": "` + first + `", "c": {"tel1": "` + m2[:3] + `", "tel2": "` + m2[3:7] + `", "tel3": "` + m2[7:] + `"}}`)
	doc := b.String()
	fs, _ := streamArgCount(t, argDialects["anthropic"], doc, 4096, Scan)
	if len(fs) < n+1 {
		t.Errorf("%d findings, want at least %d (every distinct value once)", len(fs), n+1)
	}
	if len(fs) > n+2 {
		t.Errorf("%d findings, want at most %d (the forgotten first value again)", len(fs), n+2)
	}
}

// joinedArgs returns the tool call's arguments the events of out carry
// (the string under partial_json, arguments or a top-level delta),
// joined as a client joins them.
func joinedArgs(t *testing.T, out string) string {
	t.Helper()
	var b strings.Builder
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(e, k)
			}
		case []any:
			for _, e := range v {
				walk(e, key)
			}
		case string:
			if key == "partial_json" || key == "arguments" || key == "delta" {
				b.WriteString(v)
			}
		}
	}
	for _, line := range strings.Split(out, "\n") {
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			t.Fatalf("an event's data is no JSON: %v", err)
		}
		walk(v, "")
	}
	return b.String()
}
