//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityFieldBytesLinear checks that the legacy readings of a
// field's bytes (FindLegacyDigits, one mapped decoding a fallback
// charset) look at each byte a bounded number of times, on runs of
// leads that never complete, four-byte codes, full-width digits (a
// cluster in every run), bytes no charset holds and valid UTF-8 (U+04BB,
// 一 in GBK, before a digit; Chinese words): at most one look a
// byte (mayShowWideDigit) and four decodings a byte a charset.
func TestComplexityFieldBytesLinear(t *testing.T) {
	none := func([]byte) []detect.Finding { return nil }
	for name, unit := range map[string]string{
		"wide digits":   "\xa3\xb1\xa3\xb3\xa3\xb8",
		"open leads":    "\x81",
		"four-byte":     "\x81\x30\x81\x30",
		"almost four":   "\x81\x30\x81",
		"bad pairs":     "\xa3\x20",
		"ff bytes":      "\xff\xa3\xb1",
		"gbk words":     "\xc4\xe3\xba\xc3",
		"mixed ascii":   "a\xa3\xb11",
		"sjis digits":   "\x82\x50\x82\x51",
		"big5 digits":   "\xa2\xaf\xa2\xb0",
		"lone invalid":  "\xa3\xb1\x80",
		"utf-8 numeral": "\xd2\xbb1",
		"utf-8 words":   "你好",
	} {
		steps := func(n int) int64 {
			b := bytes.Repeat([]byte(unit), n/len(unit))
			resetReadingSteps()
			FindLegacyDigits(b, nil, none)
			return readingSteps.Load()
		}
		perByte := int64(1 + 4*len(fallbackCharsets))
		if large := stepsGrowLinearly(t, name, steps); large > perByte*8*stepsUnit {
			t.Errorf("%s: %d steps for %d bytes", name, large, 8*stepsUnit)
		}
	}
}
