package fieldtext

import (
	"math/rand/v2"
	"mime"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// wideUnits is s in UTF-16 (or UTF-32 when four), in big- or
// little-endian order.
func wideUnits(s string, unit int, big bool) []byte {
	var b []byte
	put := func(u uint32) {
		for k := range unit {
			sh := 8 * k
			if big {
				sh = 8 * (unit - 1 - k)
			}
			b = append(b, byte(u>>sh))
		}
	}
	if unit == 4 {
		for _, r := range s {
			put(uint32(r))
		}
		return b
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(uint32(u))
	}
	return b
}

// TestRedactParamsWideExtValue checks that an RFC 8187 ext-value in
// UTF-16 or UTF-32 (Python's collapse_rfc2231_value decodes any codec it
// knows) is read in its charset: a mobile or ID in full-width digits is
// masked, and the value still parses.
func TestRedactParamsWideExtValue(t *testing.T) {
	r := rand.New(rand.NewPCG(28, 5))
	find := testFinder()
	wide := func(s string) string {
		return strings.Map(func(c rune) rune { return c - '0' + '０' }, s)
	}
	mob, id := wide(synth.CNMobile(r)), wide(synth.CNID18(r))
	for _, tc := range []struct {
		label, bom string
		unit       int
		big        bool
		text       string
	}{
		{"utf-16le", "", 2, false, mob},
		{"UTF-16BE", "", 2, true, mob},
		{"utf-16", "\xff\xfe", 2, false, mob},
		{"utf-16", "\xfe\xff", 2, true, id + ".pdf"},
		{"utf-16", "", 2, false, mob + ".txt"},
		{"utf-32le", "", 4, false, id},
	} {
		raw := pctAll(append([]byte(tc.bom), wideUnits(tc.text, tc.unit, tc.big)...))
		in := "attachment; filename*=" + tc.label + "''" + raw
		out, fs := RedactParams(find, in)
		if len(fs) == 0 || strings.Contains(out, raw[len(raw)/2:]) {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
			continue
		}
		// written back as UTF-8: the mask is text, not UTF-16 units
		_, params, err := mime.ParseMediaType(out)
		if err != nil || !strings.HasPrefix(out, "attachment; filename*=UTF-8''") || !strings.Contains(params["filename"], "**") {
			t.Errorf("%q became %q: %q %v", in, out, params, err)
		}
	}
	clean := "attachment; filename*=utf-16le''" + pctAll(wideUnits(wide("2024")+"年报告.pdf", 2, false))
	if out, fs := RedactParams(find, clean); out != clean || len(fs) != 0 {
		t.Errorf("clean %q became %q (%d findings)", clean, out, len(fs))
	}
}
