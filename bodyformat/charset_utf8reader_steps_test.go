//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityUTF8View checks that the UTF-8 view of a body looks at
// each byte once, whatever its invalid bytes.
func TestComplexityUTF8View(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return utf8View(b), nil, true }, map[string]string{
		"digits after 0x81": "\x815",
		"invalid run":       "\xff\xfe\x80",
		"cut sequences":     "\xe4\xb8",
		"valid CJK":         "中1",
	})
}

// TestComplexityLabelAndUTF8 checks that a JSON body read both in its
// label's charset and as UTF-8 costs the engine steps linear in its size:
// at most three readings of it.
func TestComplexityLabelAndUTF8(t *testing.T) {
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"gb18030 digits": `{"a":"` + "\x815\x811\x811\x819" + `"},`,
		"gbk clean":      `{"a":"` + "\xc4\xe3\xba\xc3 42" + `"},`,
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := append(append([]byte("["), bytes.Repeat([]byte(unit), n/len(unit))...), `{}]`...)
			detect.ResetSteps()
			if _, err := Inspect(eng, body, "application/json; charset=gb18030", "", Redact, Limits{}); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}
