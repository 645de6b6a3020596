//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityStarChars checks that starring findings over whole
// characters walks each byte a bounded number of times, however many
// findings there are and however they overlap: a finding on every
// character, overlapping findings, one finding over everything.
func TestComplexityStarChars(t *testing.T) {
	for name, fs := range findingShapes {
		for unit, cs := range map[string]*charset{"\x815\x811": csGB18030, "\xc4\xe31": csGBK, "\xa4\x40": csBig5} {
			readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
				return starChars(b, fs(len(b)), cs), nil, true
			}, map[string]string{name + " " + cs.name: unit})
		}
	}
}

// TestComplexityLabelThenUTF8 checks that a text body labelled in a
// legacy charset, read in it and as UTF-8, costs the engine steps linear
// in its size.
func TestComplexityLabelThenUTF8(t *testing.T) {
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"gb18030 digits": "\x815\x811\x811\x819 ",
		"gbk clean":      "\xc4\xe3\xba\xc3 42 ",
		"gbk mobiles":    "\xb5\xe7\xbb\xb0 13812345678 ",
	} {
		for _, ct := range []string{"text/plain; charset=gb18030", "text/html; charset=gbk"} {
			stepsGrowLinearly(t, name+" "+ct, func(n int) int64 {
				body := bytes.Repeat([]byte(unit), n/len(unit))
				detect.ResetSteps()
				if _, err := Inspect(eng, body, ct, "", Redact, Limits{}); err != nil {
					t.Logf("%s: %v", name, err)
				}
				return detect.Steps()
			})
		}
	}
}

// TestComplexitySniffCJKWide checks that sniffing UTF-16 CJK text looks at
// a bounded head, whatever the body's length and shape.
func TestComplexitySniffCJKWide(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return nil, nil, sniffCJKWide(b, utf8Of(b)) != nil }, map[string]string{
		"cjk utf-16le":  "\x2d\x4e\x87\x65",
		"cjk utf-16be":  "\x4e\x2d\x65\x87",
		"surrogates":    "\x3d\xd8\x00\xde",
		"invalid utf-8": "\xff\xfe\x81",
	})
}

// TestComplexityBOMLabelled checks that a body after a UTF-8 byte-order
// mark, labelled in a legacy charset and read in it and as UTF-8, costs
// the engine steps linear in its size.
func TestComplexityBOMLabelled(t *testing.T) {
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"big5 full-width": "\xb9q\xb8\xdc \xa2\xb0\xa2\xb8\xa2\xb1\xa2\xb5 ",
		"big5 mobiles":    "\xb9q\xb8\xdc 13812345678 ",
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := append([]byte("\xef\xbb\xbf"), bytes.Repeat([]byte(unit), n/len(unit))...)
			detect.ResetSteps()
			if _, err := Inspect(eng, body, "text/plain; charset=big5", "", Redact, Limits{}); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}

// TestComplexityUnlabelledLegacy checks that telling the fallback
// charsets a body with no charset reads in (readIn, stray bytes
// among the text too), and reading it in them, cost steps linear in its
// size.
func TestComplexityUnlabelledLegacy(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		return nil, nil, len(unlabelledLegacy("text/plain", nil, b, utf8Of(b))) > 0
	}, map[string]string{
		"gbk full-width":  "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xa3\xb8 ",
		"big5":            "\xb9q\xb8\xdc \xa2\xb0\xa2\xb8 ",
		"gbk stray bytes": "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xff\xa3\xb8 \xaa\xa1",
	})
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"gbk full-width mobiles": "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8 ",
		"big5 clean":             "\xb9q\xb8\xdc \xc1\xc2 42 ",
		"gbk one stray byte":     "\xb5\xe7\xbb\xb0 \xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xb5\xe7\xbb\xb0 \xff",
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := bytes.Repeat([]byte(unit), n/len(unit))
			detect.ResetSteps()
			if _, err := Inspect(eng, body, "text/plain", "", Redact, Limits{}); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}
