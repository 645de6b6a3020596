package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGlueSpellings checks spellings an attack review found the engine
// reading wrong: emphasis stars taken for a mask, and separators spelled
// long (padded references, runs of invisible characters).
func TestGlueSpellings(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	m := synth.CNMobile(r)
	padded := "&#" + strings.Repeat("0", 40) + "45;"
	for _, text := range []string{
		"tel **" + m + "**",
		"tel *" + m,
		"tel " + m + "*",
		"tel " + m[:3] + padded + m[3:7] + padded + m[7:],
		"tel " + m[:3] + "-" + strings.Repeat("\u200B", 8) + m[3:7] + "-" + m[7:],
	} {
		if !found(e, text, detect.CNMobile) {
			t.Errorf("no mobile in %q", text)
		}
	}
	// what a mask kept is still never read again
	if fs := e.Find([]byte("tel 138****" + m[7:] + " and 6222 **** **** " + m[7:])); len(fs) != 0 {
		t.Errorf("masked text read again: %s", describe("", fs))
	}
}

func found(e *detect.Engine, text string, c detect.Category) bool {
	return len(ofCategory(e.Find([]byte(text)), c)) > 0
}
