package caddymodule

import (
	"encoding/binary"
	"testing"
)

// TestAttack49aBinaryMessageOpeningBracket: binaryRun and prefixedDocs
// pass over binary messages only when they hold no JSON document's start
// (jsonOpens): a binary message whose first byte is '[' or '{' (a tag, a
// count, any byte a binary protocol writes: "[\xff\x00\x01") stops every
// walker, and the JSON document in the message after it, which a
// length-framed reader reads as JSON (its members joined: the split
// mobile), is never read. Want: refused under reject and redact, as after
// other binary messages (TestFix49FramedRequests "after binary").
func TestAttack49aBinaryMessageOpeningBracket(t *testing.T) {
	doc := fix49Doc(3<<10, true)
	for _, first := range []string{"[\xff\x00\x01", "{\x00\x9c\x81\xfe"} {
		var body []byte
		for _, payload := range [][]byte{[]byte(first), {0xee, 0x01, 0, 0, 0xc3, 0x00, 0x9f}} {
			body = append(binary.BigEndian.AppendUint32(body, uint32(len(payload))), payload...)
		}
		body = append(binary.BigEndian.AppendUint32(body, uint32(len(doc))), doc...)
		body = append(body, 0)
		for _, action := range []string{"reject", "redact"} {
			h, logs := newHandler(t, Handler{Request: action, Response: "off"})
			var p proxied
			w, _ := serve(h, post(string(body), ""), proxyLike(&p))
			if w.Code < 400 || len(p.body) != 0 {
				t.Errorf("%q first, %s: status %d, upstream got %d bytes", first, action, w.Code, len(p.body))
			}
			assertLogsClean(t, logs)
		}
	}
}
