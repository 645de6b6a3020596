package caddymodule

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestAttack36WSBinaryTextWithNUL (attack pass 36): a binary WebSocket
// message that is text but for NUL bytes passes unread, the mobile whole:
// a STOMP frame (Spring's WebSocket messaging; STOMP ends every frame
// with a NUL, and stomp.js sends binary frames for binary bodies), a JSON
// document padded with NULs to a block size, a 4-byte length before text
// that is not JSON. The residual row names other prefixes and encodings,
// not these, and the same messages sent as text frames are masked
// (control). A frame with a single NUL before the text is read already.
func TestAttack36WSBinaryTextWithNUL(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	doc := `{"phone":"` + testMobile + `"}`
	for _, tc := range []struct{ name, msg string }{
		{"stomp frame", "SEND\ndestination:/app/chat\ncontent-type:application/json\n\n" + doc + "\x00"},
		{"nul padded json", doc + "\x00\x00\x00\x00"},
		{"length then text", lengthPrefixed("call " + testMobile + " now")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := wsBinaryOut(t, h, []string{tc.msg}, []byte{byte(bodyformat.WSText)})
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
