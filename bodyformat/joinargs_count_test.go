package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// argCount streams doc as Anthropic input_json_delta events of cut bytes
// through a stream of mode, and returns how many findings it reported.
func argCount(t *testing.T, doc string, cut int, mode Mode) int {
	t.Helper()
	n := 0
	var out strings.Builder
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: mode, MaxHeld: 1 << 20, OnFinding: func(detect.Finding) { n++ }})
	for i := 0; i < len(doc); i += cut {
		ev := `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(doc[i:min(len(doc), i+cut)]) + "}}\n\n"
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStreamToolArgumentsWindowsCountOnce: a tool call's arguments past
// maxArgDoc are read in windows that overlap (joinargs_window.go); a
// finding in the overlap of two windows is counted once, by the first:
// the findings a long document of blocks reports, in Scan and in Redact
// mode, are as many as those of its blocks each streamed as a document
// of its own (read whole, in one window) in the same pieces. The pieces
// are 2 and 3 bytes long: no event holds a whole identifier, so what an
// event's own reading counts does not hang on where the cuts fall.
// Before, each identifier in an overlap counted twice (951 findings for
// 621).
func TestStreamToolArgumentsWindowsCountOnce(t *testing.T) {
	r := rng(t.Name())
	block := func(i, pad int) string {
		m, n, l := synth.CNMobile(r), synth.CNMobile(r), synth.CNMobile(r)
		return fmt.Sprintf(`"pad%d": "%s", "b%d": {"note": "%s", "phone": "%s", "n": %s, "list": ["x", "%s"]}`,
			i, strings.Repeat("word ", pad), i, strings.Repeat("a b ", pad%7), m, n, l)
	}
	size := 5 * maxArgDoc
	if raceEnabled {
		size = 3 * maxArgDoc // still several windows that overlap
	}
	for _, mode := range []Mode{Scan, Redact} {
		for _, cut := range []int{2, 3} {
			var b strings.Builder
			want := 0
			b.WriteString(`{`)
			for i := 0; b.Len() < size; i++ {
				pad := 20 + (i*37)%160
				blk := block(i, pad)
				// (each block starts as far into an event as in a
				// document of its own, after its "{": read in the same
				// pieces)
				blk += strings.Repeat(" ", (cut-(len(blk)+2)%cut)%cut)
				want += argCount(t, `{`+blk+`}`, cut, mode)
				b.WriteString(blk + `, `)
			}
			b.WriteString(`"end": 1}`)
			if want == 0 {
				t.Fatal("no finding in the blocks")
			}
			if got := argCount(t, b.String(), cut, mode); got != want {
				t.Errorf("mode %v, cut %d: %d bytes of arguments report %d findings, their blocks read whole %d", mode, cut, b.Len(), got, want)
			}
		}
	}
}
