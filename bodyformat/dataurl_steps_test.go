//go:build detectsteps

package bodyformat

import "testing"

// TestComplexityDataURLReading checks that finding where data: URLs end
// looks at each byte a bounded number of times on shapes built against
// it: quotes that never close, escaped quotes, unquoted values, url()s,
// headers with no ',' for a long way, white space and controls before
// the scheme, tabs and line breaks inside it; text types that name a
// charset (charsetTextType).
func TestComplexityDataURLReading(t *testing.T) {
	eng := testEngine(t)
	read := func(b []byte) ([]byte, []int32, bool) {
		in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
		in.readDataURLs(b, 0, allSamples)
		return nil, nil, false
	}
	readingLinear(t, read, map[string]string{
		"unclosed quotes":  `'data:text/html,"`,
		"escaped quotes":   `"data:text/html,\"`,
		"escaped openings": `\"data:text/html,`,
		"closed quotes":    `"data:image/svg+xml,<b> </b>" `,
		"backticks":        "`data:text/html,",
		"unquoted":         `<a href=data:text/html,<b>`,
		"css url":          `url(data:image/svg+xml,\)`,
		"headers no comma": `data:text/html;charset=`,
		"schemes":          `data:`,
		"leading spaces":   `"                    data:text/html,`,
		"leading controls": "\"\x01\x1f\x01 data:text/html,",
		"split schemes":    "d\t\na \t\r\n:",
		"spaced colons":    "data          :",
		"scheme tails":     "at\ta:",
		"quote references": `url(&quot;data:text/html,&amp;&#34`,
		"unclosed refs":    `&#39;data:text/html,&#34;"`,
		"base64":           `"data:text/html;base64,PGI+ MTM4 `,
		"json":             `"data:application/json,[1,2]" `,
		"json unclosed":    `"data:application/json,[`,
		"json nested":      `"data:application/json,{\"a\":\"data:application/json,[1]\"}" `,
		"text gbk":         `"data:text/plain;charset=gbk;base64,o7Gjs6O4" `,
		"text utf-16":      `"data:text/csv;charset=utf-16,%11%FF%13%FF" `,
		"text unclosed":    `'data:text/plain;charset=gbk,`,
	})
}
