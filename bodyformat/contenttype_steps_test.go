//go:build detectsteps

package bodyformat

import (
	"net/http"
	"strings"
	"testing"
)

// TestComplexityContentTypeSplit checks that splitting Content-Type
// values looks at each byte a bounded number of times: long comma lists,
// quoted strings that never close, escapes, many short lines.
func TestComplexityContentTypeSplit(t *testing.T) {
	for name, unit := range map[string]string{
		"commas":        "image/png, ",
		"open quotes":   `text/html; a="x,`,
		"escapes":       `a="\\\",`,
		"empty values":  ",,",
		"charset chain": "text/html; charset=gbk, ",
	} {
		steps := func(n int) int64 {
			h := http.Header{"Content-Type": {strings.Repeat(unit, n/len(unit)), "image/png"}}
			resetReadingSteps()
			ContentType(h)
			return readingSteps.Load()
		}
		stepsGrowLinearly(t, name, steps)
	}
}
