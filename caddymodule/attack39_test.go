package caddymodule

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestAttack39WSBinaryFramings: SniffFramedText (wsframedtext.go) takes
// a binary WebSocket message as text when its NUL bytes are a run at its
// end and at most 8 bytes of head before the text; every NUL inside the
// message beyond the 8th byte makes it binary, and binary goes out
// unread. Framings that put a NUL or a length further in, each a real
// protocol a browser client speaks over WebSocket binary messages: two
// STOMP frames in one message (Spring's decoder reads every frame of a
// message), an MQTT PUBLISH at QoS 1 (topic length, topic, a 2-byte
// packet id, then the payload), a type name ended by a NUL before a JSON
// body, a 16-byte id before the text. (A protobuf string field of more
// than 127 bytes, a varint length no UTF-8 decoder reads, is caught.) The
// same text in a text frame is masked (control). Expected to fail.
func TestAttack39WSBinaryFramings(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	doc := `{"phone":"` + testMobile + `"}`
	for _, tc := range []struct{ name, msg, text string }{
		{"two stomp frames", "SEND\ndestination:/app/a\n\n{}\x00SEND\ndestination:/app/chat\ncontent-type:application/json\n\n" + doc + "\x00", doc},
		{"mqtt publish qos1", "\x32" + string(rune(2+len("chat/room1")+2+len(doc))) + "\x00" + string(rune(len("chat/room1"))) + "chat/room1\x00\x01" + doc, doc},
		{"type name then nul", "chat.message.v1\x00" + doc, doc},
		{"16-byte id", "\x01\x9a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07" + doc, doc},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := wsBinaryOut(t, h, []string{tc.text}, []byte{byte(bodyformat.WSText)})
			if err != nil || len(out) != 1 || strings.Contains(string(out[0].Payload), testMobile) {
				t.Fatalf("control, as a text frame: %v %q", err, out)
			}
			out, err = wsBinaryOut(t, h, []string{tc.msg}, nil)
			if err != nil {
				return // closed: fail closed is acceptable
			}
			for _, f := range out {
				if strings.Contains(string(f.Payload), testMobile) {
					t.Errorf("binary message %q goes out with the mobile: %q", tc.msg, f.Payload)
				}
			}
		})
	}
}
