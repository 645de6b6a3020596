//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"
)

// TestStepsHTTPMessages checks that reading HTTP messages carried as a
// body looks at each byte a bounded number of times: many pipelined
// messages (each header block is searched for its end once, never to
// the end of the body), a header block that never ends, start lines
// alone, and a Content-Length larger than what follows.
func TestStepsHTTPMessages(t *testing.T) {
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"pipelined":         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
		"requests":          "GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
		"start lines":       "HTTP/1.1 204 No Content\r\n\r\n",
		"unended header":    "HTTP/1.1 200 OK\r\nX-A: b\r\n",
		"long length":       "HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\nab",
		"LF only":           "HTTP/1.1 200 OK\nContent-Length: 1\n\nx",
		"lines of breaks":   "\r\n\n",
		"chunked":           "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
		"chunk extensions":  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;a=1\r\nok\r\n1;b\r\nk\r\n0;c=2\r\n\r\n",
		"trailer lines":     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-A: 1\nX-B: 2\r\n\n",
		"unframed requests": "POST /a HTTP/1.1\r\nHost: x\r\n\r\n",
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := bytes.Repeat([]byte(unit), n/len(unit)+1)
			lim := Limits{MaxParts: 1 << 30}.withDefaults() // pipelined messages count as parts
			in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
			resetReadingSteps()
			if _, err := in.httpMessages(b, 0); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return readingSteps.Load()
		})
	}
}
