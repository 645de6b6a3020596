package matcher

import (
	"bytes"
	"io"
	"testing"
)

// TestAttack41BinaryHeadFieldsUnmatched: the pii matcher reads a
// binary-head body as the binary screen does (bodyformat's binaryFields),
// so the fields a form parser reads there and the screen misses
// (bodyformat/TestAttack41BinaryScreenFormParserFields: a vertical tab or
// NUL between a mobile's groups, a name alone with no '=') are no match
// either: a route "@pii pii" that refuses or diverts personal data lets
// them on. Expected to fail.
func TestAttack41BinaryHeadFieldsUnmatched(t *testing.T) {
	m := newMatcher(t, MatchPII{})
	for name, field := range map[string]string{
		"vertical tab between groups": "tel=" + testMobile[:3] + "\x0b" + testMobile[3:7] + "\x0b" + testMobile[7:],
		"NUL between groups":          "tel=" + testMobile[:3] + "\x00" + testMobile[3:7] + "\x00" + testMobile[7:],
		"a name alone":                testMobile,
	} {
		t.Run(name, func(t *testing.T) {
			body := []byte("\x00\x00\x01&" + field + "&z=1")
			req := newRequest("POST", "/upload", "application/octet-stream", nil)
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			if !mustMatch(t, m, req) {
				t.Errorf("%q: no match", body)
			}
		})
	}
}
