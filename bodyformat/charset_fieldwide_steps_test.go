//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"
)

// TestComplexityFieldWideLinear checks that an ext-value in UTF-16 or
// UTF-32 (DecodeLabelled, decodeWideMapped) is decoded in one step a code
// unit or less, on full-width digits, surrogate pairs, lone surrogates
// and units beyond Unicode.
func TestComplexityFieldWideLinear(t *testing.T) {
	for name, tc := range map[string]struct{ label, unit string }{
		"utf-16le digits":    {"utf-16le", "\x11\xff"},
		"utf-16be pairs":     {"utf-16be", "\xd8\x3d\xde\x00"},
		"utf-16 lone highs":  {"utf-16", "\x00\xd8"},
		"utf-32le beyond":    {"utf-32le", "\xff\xff\xff\xff"},
		"utf-32 open digits": {"utf-32", "\x11\xff\x00\x00"},
	} {
		steps := func(n int) int64 {
			b := bytes.Repeat([]byte(tc.unit), n/len(tc.unit))
			resetReadingSteps()
			if _, _, ok := DecodeLabelled(tc.label, b); !ok {
				t.Fatalf("%s: not decoded", name)
			}
			return readingSteps.Load()
		}
		if large := stepsGrowLinearly(t, name, steps); large > 8*stepsUnit/2 {
			t.Errorf("%s: %d steps for %d bytes", name, large, 8*stepsUnit)
		}
	}
}
