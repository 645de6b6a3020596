package caddymodule

import (
	"encoding/binary"
	"testing"
)

// TestAttack50FramedDocTrailingBytes: an untyped request of 4-byte
// length-prefixed messages, a binary message, then the JSON document
// whose mobile is split over sibling members (fix49Doc) with bytes after
// its closing brace inside its frame: a C producer's terminating NUL, or
// more than maxJSONLead (64) bytes of white space. binaryRun's walker
// takes the message for a binary one (jsonCloses: no '}' at its end past
// 64 bytes of white space; a NUL is none) and walks over it, so no
// reading takes it for JSON and the split mobile reaches the upstream
// (status 204). The same message first in the body (no binary message
// before it) is refused.
//
// Want: refused (reject and redact), the upstream gets nothing.
func TestAttack50FramedDocTrailingBytes(t *testing.T) {
	doc := fix49Doc(3<<10, true)
	bin := []byte{0xee, 0x01, 0, 0, 0xc3, 0x00, 0x9f}
	spaced := append(append([]byte{}, doc...), make([]byte, 100)...)
	for i := len(doc); i < len(spaced); i++ {
		spaced[i] = ' '
	}
	for name, msgs := range map[string][][]byte{
		"binary, doc and NUL":           {bin, append(append([]byte{}, doc...), 0)},
		"binary, doc and 100 spaces":    {bin, spaced},
		"binary, {}, binary, doc + NUL": {bin, []byte("{}"), bin, append(append([]byte{}, doc...), 0)},
	} {
		var body []byte
		for _, m := range msgs {
			body = append(binary.BigEndian.AppendUint32(body, uint32(len(m))), m...)
		}
		body = append(body, 0)
		for _, action := range []string{"reject", "redact"} {
			h, logs := newHandler(t, Handler{Request: action, Response: "off"})
			var p proxied
			w, _ := serve(h, post(string(body), ""), proxyLike(&p))
			if w.Code < 400 || len(p.body) != 0 {
				t.Errorf("%s, %s: status %d, upstream got %d bytes", name, action, w.Code, len(p.body))
			}
			assertLogsClean(t, logs)
		}
	}
}
