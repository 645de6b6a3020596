//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityStrictGBK checks that the two-byte GBK reading of a
// GBK-labelled body (strictGBK, strictGBKView) reads each byte a bounded
// number of times, and that a body read both ways costs the engine steps
// linear in its size: four-byte codes among digits, lone lead bytes
// before digits, two-byte characters.
func TestComplexityStrictGBK(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		if !strictGBK(b, csGBK) {
			return nil, nil, false
		}
		v, o := strictGBKView(b)
		return v, o, true
	}, map[string]string{
		"four-byte codes": "1\x811\x822",
		"lead bytes":      "\x8112",
		"two-byte chars":  "\xb5\xe7\xbb\xb0\x811",
	})
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"four-byte codes in a mobile": "138\x811\x822345678 ",
		"lead bytes before digits":    "\x811\x81",
		"two-byte text":               "\xb5\xe7\xbb\xb0 \x811",
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := bytes.Repeat([]byte(unit), n/len(unit))
			detect.ResetSteps()
			if _, err := Inspect(eng, body, "text/plain; charset=gbk", "", Redact, Limits{}); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}
