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
				for _, sep := range []string{"", " ", "-"} {
					// the groups may be sent with a space or a '-' after
					// each, or before each, as a number is written
					after := strings.Join(sendPaused(t, withSep(chunks(v, n), sep, true)), "")
					before := strings.Join(sendPaused(t, withSep(chunks(v, n), sep, false)), "")
					for _, out := range []string{after, before} {
						stripped := out
						if sep != "" {
							stripped = strings.ReplaceAll(out, sep, "")
						}
						checkPausedShown(t, n, stripped, v, out)
					}
				}
			}
		}
	}
}

// withSep writes sep after each piece but the last (after) or before each
// but the first.
func withSep(pieces []string, sep string, after bool) []string {
	for k := range pieces {
		if after && k < len(pieces)-1 {
			pieces[k] += sep
		} else if !after && k > 0 {
			pieces[k] = sep + pieces[k]
		}
	}
	return pieces
}

// checkPausedShown fails unless out, v sent in pieces of n with the
// separators taken out, is v with all but at most four characters masked.
func checkPausedShown(t *testing.T, n int, out, v, sent string) {
	t.Helper()
	if len(out) != len(v) {
		t.Fatalf("%d a message: %q went out for a %d-character value", n, sent, len(v))
	}
	shown := 0
	for i := range out {
		if out[i] != '*' {
			if out[i] != v[i] {
				t.Fatalf("%d a message: %q is not %s masked", n, sent, v)
			}
			shown++
		}
	}
	if shown > 4 {
		t.Errorf("%d a message: %q shows %d characters of %s", n, sent, shown, v)
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
