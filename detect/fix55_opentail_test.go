package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFix55OpenTailLocalPart: a tail that spells the start of a local
// part with underscores (up to eight in a row), '%', '+', dots or
// hyphens between letters is held for the piece that may bring its '@';
// a longer run of underscores, a run of brackets, a plain word and a
// run of more letters than a local part holds are not.
func TestFix55OpenTailLocalPart(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range []struct{ text, open string }{
		{"写信给 zhang___", "zhang___"},
		{"写信给 zhang________", "zhang________"},
		{"写信给 zhang" + strings.Repeat("_", 9), ""},
		{"写信给 li%%%", "li%%%"},
		{"写信给 a.b.c.d", "a.b.c.d"},
		{"写信给 a-b-c-d", "a-b-c-d"},
		{"写信给 zhang", ""},
		{"写信给 x[[[", ""},
		// more letters than a local part holds: not held, nor walked
		{"写信给 li." + strings.Repeat("a", 65), ""},
		{"写信给 li." + strings.Repeat("a", 64), "li." + strings.Repeat("a", 64)},
	} {
		got := e.OpenTail([]byte(c.text))
		if held := c.text[got:]; held != c.open {
			t.Errorf("OpenTail(%q) holds %q, want %q", c.text, held, c.open)
		}
	}
}

// TestLocalPartStart: where the local part's characters that end at a
// position start.
func TestLocalPartStart(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"写信给 zhang___", len("写信给 ")},
		{"mail a.b-c%d+e", len("mail ")},
		{"写信给", len("写信给")},
		{strings.Repeat("a", 100), 100 - 64},
	} {
		if got := detect.LocalPartStart([]byte(c.text), len(c.text)); got != c.want {
			t.Errorf("LocalPartStart(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}
