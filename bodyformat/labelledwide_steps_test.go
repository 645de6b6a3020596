//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// findingShapes are findings over a text of n bytes that a starring
// walk must take in linear time: one on every byte, apart, overlapping,
// nested.
var findingShapes = map[string]func(n int) []detect.Finding{
	"every byte": func(n int) []detect.Finding {
		var fs []detect.Finding
		for k := 0; k < n; k++ {
			fs = append(fs, detect.Finding{Start: k, End: k + 1})
		}
		return fs
	},
	"apart": func(n int) []detect.Finding {
		var fs []detect.Finding
		for k := 0; k < n; k += 3 {
			fs = append(fs, detect.Finding{Start: k, End: k + 1})
		}
		return fs
	},
	"overlapping": func(n int) []detect.Finding {
		var fs []detect.Finding
		for k := 0; k < n; k += 2 {
			fs = append(fs, detect.Finding{Start: k, End: min(k+64, n)})
		}
		return fs
	},
	"nested": func(n int) []detect.Finding {
		var fs []detect.Finding
		for k := 0; k < n/2; k++ {
			fs = append(fs, detect.Finding{Start: k, End: n - k})
		}
		return fs
	},
}

// TestComplexityStarBytes checks that starring the findings of a UTF-8
// reading in a UTF-16 or UTF-32 body, byte for byte or by whole code
// units (a valid body a byte star would break), walks each byte a bounded
// number of times however many findings there are and however they
// overlap.
func TestComplexityStarBytes(t *testing.T) {
	for name, fs := range findingShapes {
		for unit, cs := range map[string]*charset{
			"1\x00":             csUTF16LE,
			"2\xd81\xdc":        csUTF16LE, // surrogate pairs: starred by units
			"\xd81\xdc2":        csUTF16BE,
			"1\x00\x00\x00":     csUTF32LE,
			"\xff\xfe\x00\x00a": csUTF32LE, // not valid UTF-32: starred by bytes
		} {
			readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
				return starBytes(b, fs(len(b)), cs), nil, true
			}, map[string]string{name + " " + cs.name + " " + unit: unit})
		}
	}
}

// TestComplexityLabelledWide checks that a body labelled UTF-16 or UTF-32,
// read in its label and as UTF-8 bytes, costs the engine steps linear in
// its size: UTF-8 text after a mark, real UTF-16 with mobiles, and UTF-8
// text with mobiles and NUL bytes.
func TestComplexityLabelledWide(t *testing.T) {
	eng := testEngine(t)
	for name, tc := range map[string]struct{ ct, head, unit string }{
		"utf-8 after a mark": {"text/plain; charset=utf-16le", "\xff\xfe", "手机 13812345678 "},
		"utf-8 with NULs":    {"application/json; charset=utf-16", "", `{"tel":"13812345678"}` + "\x00\x00"},
		"real utf-16":        {"text/plain; charset=utf-16le", "\xff\xfe", string(utf16LE("手机 13812345678 "))},
		"utf-32 mark":        {"text/plain; charset=utf-32le", "\xff\xfe\x00\x00", "tel 13812345678 "},
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := append([]byte(tc.head), bytes.Repeat([]byte(tc.unit), n/len(tc.unit))...)
			detect.ResetSteps()
			if _, err := Inspect(eng, body, tc.ct, "", Redact, Limits{}); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}
