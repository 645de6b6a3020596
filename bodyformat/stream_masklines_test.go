package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamedMaskKeepsLines: a value spread over the lines of a streamed
// text/plain body behind a label (one event a line, joined across events;
// masked in the buffered body too) is masked in each line where its
// digits stand: every line keeps its length and its break, the value's
// hidden digits starred in the line that held them. The whole mask went
// into the first line, the others emptied ("phone: 158****2037⏎⏎ end⏎").
func TestStreamedMaskKeepsLines(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 4 {
		m := synth.CNMobile(r)
		for _, body := range []string{
			"phone: " + m[:3] + "\n" + m[3:7] + "\n" + m[7:] + " end\n",
			"phone: " + m[:3] + "\r\n" + m[3:7] + "\r\n" + m[7:] + " end\r\n",
			"phone:\n  " + m[:3] + "\n  " + m[3:7] + "\n  " + m[7:] + "\n",
		} {
			if res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact); !res.Changed {
				t.Fatalf("%q: the buffered body is not masked", body)
			}
			var out bytes.Buffer
			s := NewStream(eng, &out, StreamLines, StreamOptions{Mode: Redact, MediaType: "text/plain"})
			for _, line := range strings.SplitAfter(body, "\n") {
				if _, err := s.Write([]byte(line)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			got, in := strings.SplitAfter(out.String(), "\n"), strings.SplitAfter(body, "\n")
			if len(got) != len(in) || strings.Contains(out.String(), m[3:7]) {
				t.Errorf("%q: %q", body, out.String())
				continue
			}
			for k := range in {
				if !starredInPlace(in[k], got[k]) {
					t.Errorf("%q: line %d %q, was %q", body, k, got[k], in[k])
				}
			}
			if strings.HasPrefix(body, "phone: ") {
				if want := strings.Replace(body, m[3:7], "****", 1); out.String() != want {
					t.Errorf("%q: %q, want %q", body, out.String(), want)
				}
			}
		}
	}
}

// starredInPlace reports whether got is was with some of its digits
// starred and nothing else changed.
func starredInPlace(was, got string) bool {
	if len(got) != len(was) {
		return false
	}
	for i := range was {
		if got[i] != was[i] && (got[i] != '*' || !isASCIIDigit(was[i])) {
			return false
		}
	}
	return true
}
