package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix50ControlBeforeCheckX: an ID whose check X a control sets apart
// (<17 digits>\bX) is still found with its X, as the whole ID or card
// before a control and a lone x is (TestAttack49bControlThenX): the x
// after a control is a group of its own, read both ways.
func TestFix50ControlBeforeCheckX(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 0xf7))
	e := attack49bEngine()
	for range 4 {
		id := synth.CNID18X(r)
		for _, ctl := range []string{"\b", "\x01", "\x00", "\x01\x01"} {
			for _, x := range []string{"X", "x"} {
				text := "note " + id[:17] + ctl + x
				if ctl == "\x01" {
					text = "note 12 " + id[:17] + ctl + x // a group before the ID: 19 digits
				}
				out, fs := fix49Redact(t, e, text)
				if strings.Contains(out, id[:17]) || !hasCategory(fs, detect.CNID) {
					t.Errorf("%q -> %q: the ID before a control and its check X is left raw", text, out)
				}
			}
		}
		// a control and a word after a whole ID: unchanged
		text := "note " + id[:17] + "\bxyz " + synth.CNID18(r)
		if out, fs := fix49Redact(t, e, text); !hasCategory(fs, detect.CNID) || strings.Contains(out, text[len(text)-18:]) {
			t.Errorf("%q -> %q", text, out)
		}
	}
}
