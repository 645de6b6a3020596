package bodyformat

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// escapeAll spells s as \u escapes, one per character.
func escapeAll(s string) string {
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, `\u%04x`, c)
	}
	return b.String()
}

// unescapeStream reads what a client that unescapes the text of the
// events (or lines) it joins shows.
func unescapeStream(out string) string {
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		b.WriteString(strings.TrimPrefix(line, "data: "))
	}
	dec, _, _ := decodeEscapes([]byte(b.String()), nil, nil)
	return string(dec)
}

// TestStreamTextEventsReadEveryWay: the data of an event (or a line) that
// is not JSON is read as a buffered text body is, in every reading, and
// joined to the next events with its escapes decoded: a client that
// unescapes or renders what it joins never sees the identifier.
func TestStreamTextEventsReadEveryWay(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	b64 := base64.StdEncoding.EncodeToString([]byte("电话 " + m + " 好"))
	for _, c := range []struct {
		name string
		kind StreamKind
		evs  []string
		raw  []string
	}{
		{"escaped in one event", StreamEvents, []string{"data: tel " + escapeAll(m) + "\n\n"}, []string{m}},
		{"escaped across events", StreamEvents, []string{"data: tel " + escapeAll(m[:5]) + "\n\n", "data: " + escapeAll(m[5:]) + "\n\n"}, []string{m}},
		{"escaped then plain", StreamEvents, []string{"data: 证件 " + escapeAll(id[:8]) + "\n\n", "data: " + id[8:] + " 好\n\n"}, []string{id, id[6:]}},
		{"plain then escaped", StreamEvents, []string{"data: tel " + m[:4] + "\n\n", "data: " + escapeAll(m[4:]) + "\n\n"}, []string{m}},
		{"markup between digits", StreamEvents, []string{"data: tel " + m[:3] + "<b></b>" + m[3:] + "\n\n"}, []string{m[3:]}},
		{"base64 text", StreamEvents, []string{"data: " + b64 + "\n\n"}, []string{b64}},
		{"escaped lines", StreamLines, []string{"tel " + escapeAll(m[:6]) + "\n", escapeAll(m[6:]) + "\n"}, []string{m}},
		{"JSON string lines", StreamLines, []string{`"tel ` + m[:5] + `"` + "\n", `"` + m[5:] + `"` + "\n"}, []string{m[5:]}},
		{"JSON string events escaped", StreamEvents, []string{`data: "证件 ` + escapeAll(id[:7]) + `"` + "\n\n", `data: "` + escapeAll(id[7:]) + `"` + "\n\n"}, []string{id, id[7:]}},
		{"x escapes", StreamLines, []string{`tel \x` + fmt.Sprintf("%x", m[0]) + m[1:] + "\n"}, []string{m[1:]}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, found := streamThrough(t, c.kind, Redact, c.evs...)
			if len(found) == 0 {
				t.Errorf("nothing found in %q", c.evs)
			}
			shown := unescapeStream(out)
			for _, raw := range c.raw {
				if strings.Contains(out, raw) || strings.Contains(shown, raw) {
					t.Errorf("%q reaches the client: %q (unescaped %q)", raw, out, shown)
				}
			}
			if got, want := strings.Count(out, "\n"), strings.Count(strings.Join(c.evs, ""), "\n"); got != want {
				t.Errorf("%d line ends out, %d in: %q", got, want, out)
			}
		})
	}
}

// TestStreamTextEventsKeepEscapes: text events with backslashes and no
// personal data go out byte for byte, and an escaped event masked because
// of what came next keeps what its escapes meant to a client that
// unescapes (a backslash stays a backslash, a tab a tab).
func TestStreamTextEventsKeepEscapes(t *testing.T) {
	clean := []string{"data: C:\\temp\\new 12 \\u4e2d\\n\\\\ end\n\n", "data: \\x41\\ 2024\n\n"}
	if out, found := streamThrough(t, StreamEvents, Redact, clean...); out != strings.Join(clean, "") || len(found) != 0 {
		t.Errorf("clean escaped events changed: %q, %d findings", out, len(found))
	}
	m := synth.CNMobile(rng(t.Name()))
	evs := []string{"data: a\\\\b\\tc \\u4e2d " + escapeAll(m[:5]) + "\n\n", "data: " + m[5:] + "\n\n"}
	out, _ := streamThrough(t, StreamEvents, Redact, evs...)
	shown := unescapeStream(out)
	if strings.Contains(shown, m) || !strings.HasPrefix(shown, "a\\b\tc 中 ") {
		t.Errorf("masked escaped event reads %q (out %q)", shown, out)
	}
}
