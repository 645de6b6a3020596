package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// longRunBefore returns n digits in groups of four joined by '/', ending
// in a '/': a run of numbers before an identifier.
func longRunBefore(n int) string {
	var b strings.Builder
	for n > 0 {
		k := min(n, 4)
		b.WriteString("2024"[:k])
		b.WriteByte('/')
		n -= k
	}
	return b.String()
}

// TestCheckXAtRunCap checks a resident ID whose check X comes right after
// the last digit a run collects at a time (64): the run is read on from
// the groups before it, so the ID is found with its X wherever it falls,
// glued to its digits or set apart by one space. The same text with a
// wrong check character holds no ID.
func TestCheckXAtRunCap(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for pre := 0; pre <= 70; pre++ {
		id := synth.CNID18X(r)
		for _, x := range []string{"X", "x", " X"} {
			text := longRunBefore(pre) + id[:17] + x + " tel="
			fs := ofCategory(e.Find([]byte(text)), detect.CNID)
			if len(fs) == 0 {
				t.Errorf("%d digits before: no ID with its X in %q: %s", pre, text, describe(text, fs))
			}
			out, _ := e.Redact([]byte(text))
			if strings.Contains(string(out), id[:17]) {
				t.Errorf("%d digits before: %q redacted to %q keeps the ID", pre, text, out)
			}
		}
		// a wrong check character: no ID (the 17 digits stay as they are)
		wrong := longRunBefore(pre) + id[:17] + "0 tel="
		if fs := ofCategory(e.Find([]byte(wrong)), detect.CNID); len(fs) != 0 {
			t.Errorf("%d digits before: ID found in %q: %s", pre, wrong, describe(wrong, fs))
		}
	}
}
