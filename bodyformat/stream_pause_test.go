package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// sendPaused sends pieces as separate messages (JSON lines, as a
// WebSocket chat does), each released by a pause before the next comes,
// and returns what went out, message by message.
func sendPaused(t *testing.T, pieces []string) []string {
	t.Helper()
	var out []string
	s := NewStream(testEngine(t), writerFunc(func(p []byte) { out = append(out, string(p)) }), StreamLines, StreamOptions{Mode: Redact})
	for _, p := range pieces {
		if err := s.WriteEvent([]byte(p)); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseHeld(); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// chunks cuts v into pieces of n bytes.
func chunks(v string, n int) []string {
	var cs []string
	for i := 0; i < len(v); i += n {
		cs = append(cs, v[i:min(i+n, len(v))])
	}
	return cs
}

// TestStreamPausedRunStaysMasked: a number sent a few digits a message,
// with a pause after each, shows no more than its first four digits,
// however it is cut: once a release has masked the start of an open
// number, the digits that continue it in later messages go out masked
// too (they used to be counted afresh after the mask, so 8201 **** 0710
// **** showed ten characters of a resident ID).
func TestStreamPausedRunStaysMasked(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		for _, v := range []string{synth.CNID18(r), synth.CNMobile(r)} {
			for n := 1; n <= 6; n++ {
				out := strings.Join(sendPaused(t, chunks(v, n)), "")
				if len(out) != len(v) {
					t.Fatalf("%d a message: %q went out for a %d-character value", n, out, len(v))
				}
				shown := 0
				for i := range out {
					if out[i] != '*' {
						if out[i] != v[i] {
							t.Fatalf("%d a message: %q is not %s masked", n, out, v)
						}
						shown++
					}
				}
				if shown > 4 {
					t.Errorf("%d a message: %q shows %d characters of %s", n, out, shown, v)
				}
			}
		}
	}
}

// TestStreamPausedRunEnds: what follows the end of such a number (a word,
// then another short number in a later message) goes out as it is.
func TestStreamPausedRunEnds(t *testing.T) {
	r := rng(t.Name())
	v := synth.CNID18(r)
	out := sendPaused(t, []string{v[:4], v[4:8], v[8:12] + " 个", "2024"})
	if got := strings.Join(out, "|"); got != v[:4]+"|****|**** 个|2024" {
		t.Errorf("got %q", got)
	}
}
