package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestEscapesThenPercent: a script's string escapes that spell percent
// escapes, and percent escapes that spell a script's escapes, are two
// decodings a receiver chains: decodeURIComponent("\x2531\x2533…") and
// location.href = "/q?tel=\u002531…" (the JS string is %31%33…, which the
// URL's reader or decodeURIComponent decodes to digits), and a
// javascript: URL whose code is percent-encoded (%5Cx31%5Cx33…: the
// browser percent-decodes it to \x31\x33… and runs it). The readings
// stageEscapes then decodePercent, and stagePercent then decodeEscapesOf,
// read them outside a JSON document or a form too.
func TestEscapesThenPercent(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		spell := func(f string) string {
			var b strings.Builder
			for _, c := range m {
				fmt.Fprintf(&b, f, c)
			}
			return b.String()
		}
		for _, c := range []struct{ ct, body string }{
			{"application/javascript", `var tel = decodeURIComponent("` + spell(`\x25%x`) + `");`},
			{"application/javascript", `location.href = "/q?tel=` + spell(`\u0025%x`) + `";`},
			{"text/event-stream", "data: /q?tel=" + spell(`\u0025%x`) + "\n\n"},
			{"text/html", `<a href="javascript:alert('` + spell(`%%5Cx%x`) + `')">x</a>`},
		} {
			if res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact); !res.Changed {
				t.Errorf("%s: passes: %s", c.ct, c.body)
			}
		}
	}
}

// TestEscapesThenPercentClean: escapes and percent escapes that spell no
// identifier together ("50%" and a \n, %5Cn, an escaped query of words)
// change nothing.
func TestEscapesThenPercentClean(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct{ ct, body string }{
		{"application/javascript", `var s = "50\x25 off\n"; location.href = "/q?a=%5Cn&b=2026";`},
		{"text/plain", `path C:%5Cusers%5Cx2026%5Creport 13 pages, 25\u0025 done`},
		{"text/html", `<a href="/s?q=%5Cu0041%5Cu0042&page=12">next</a>`},
	} {
		if res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact); res.Changed {
			t.Errorf("%s: %s -> %s", c.ct, c.body, res.Body)
		}
	}
}
