package bodyformat

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix54SplitOut writes each message to a Stream as a WebSocket side does
// (StreamLines fed by WriteEvent) and returns what went out.
func fix54SplitOut(t *testing.T, msgs []string) string {
	t.Helper()
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, StreamLines, StreamOptions{Mode: Redact})
	for _, m := range msgs {
		if err := s.WriteEvent([]byte(m)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestFix54SplitAcrossBracketEvents: the joiner that no longer reads a
// bracket event again ("[", "{" after a settled field) still catches an
// identifier split across events with such events around its pieces: a
// mobile sent one digit a message after and before "[" and "{"
// messages, and an e-mail address sent in pieces between them. The
// brackets go out byte for byte.
func TestFix54SplitAcrossBracketEvents(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 11))
	for range 4 {
		mobile := synth.CNMobile(r)
		msgs := []string{"{", "[", "[", "手机 "}
		for _, d := range mobile {
			msgs = append(msgs, string(d))
		}
		msgs = append(msgs, "[", "{", "]")
		out := fix54SplitOut(t, msgs)
		if strings.Contains(out, mobile) || !strings.HasPrefix(out, "{[[手机 ") || !strings.HasSuffix(out, "[{]") {
			t.Errorf("mobile over %d one-digit events between brackets: out %q", len(mobile), out)
		}
		email := synth.Email(r)
		at := strings.IndexByte(email, '@')
		local, domain := email[:at], email[at+1:]
		dot := strings.IndexByte(domain, '.')
		out = fix54SplitOut(t, []string{"[", "{", local[:len(local)/2], local[len(local)/2:], "@", domain[:dot], domain[dot:], "[", "{"})
		if strings.Contains(out, local) || !strings.HasPrefix(out, "[{") || !strings.HasSuffix(out, "[{") {
			t.Errorf("e-mail over events between brackets: out %q", out)
		}
	}
}
