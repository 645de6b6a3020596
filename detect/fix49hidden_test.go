package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix49ControlThenLettersNoGlue: a control read through after a
// number (a backspace, DEL, SOH) sets the letters after it apart: an ID
// before \b\b\b\bok is found, as one before a space and ok is, while the
// same ID glued to ok (no control) is still a token's digits. A terminal
// draws ok over the ID's last digits; a file, a log viewer and a JSON
// log's reader show the control between them, the ID whole.
func TestFix49ControlThenLettersNoGlue(t *testing.T) {
	eng := newEngine(t, detect.Policy{})
	r := rand.New(rand.NewPCG(49, 3))
	for range 10 {
		id := synth.CNID18(r)
		for _, ctl := range []string{"\b\b\b\b", "\b", "\x7f", "\x01"} {
			text := "note " + id + ctl + "ok"
			fs := eng.FindSampled([]byte(text), 0, 0)
			if len(fs) != 1 || fs[0].Category != detect.CNID || text[fs[0].Start:fs[0].End] != id {
				t.Errorf("%q: %+v, want the ID", text, fs)
			}
		}
		// glued, or glued across a format character a page draws as nothing
		// (a control only sets letters apart where it stands as a byte)
		for _, glue := range []string{"", "\u200b", "&#x200B;"} {
			if fs := eng.FindSampled([]byte("note "+id+glue+"ok"), 0, 0); len(fs) != 0 {
				t.Errorf("%q: %+v, want no finding (a token's digits)", id+glue+"ok", fs)
			}
		}
	}
}
