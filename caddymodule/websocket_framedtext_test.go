package caddymodule

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestWSFramedTextInPlace: a binary message that is text but for its
// framing (a STOMP frame's NUL, NUL padding, a head of control bytes)
// goes out binary, as long as it came, its framing bytes as they came and
// its text masked in place; binary data that is no such text (a protobuf
// message with zeros and a varint in it, an image's head) goes out byte
// for byte.
func TestWSFramedTextInPlace(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	doc := `{"phone":"` + testMobile + `"}`
	for name, tc := range map[string]struct{ head, tail string }{
		"stomp":  {"SEND\ndestination:/app/chat\n\n", "\x00"},
		"padded": {"", "\x00\x00\x00\x00\x00\x00\x00"},
		"head":   {"\x01\x00\x02", ""},
	} {
		msg := tc.head + doc + tc.tail
		out, err := wsBinaryOut(t, h, []string{msg}, nil)
		if err != nil || len(out) != 1 {
			t.Fatalf("%s: %v %q", name, err, out)
		}
		got := string(out[0].Payload)
		if out[0].Op != bodyformat.WSBinary || len(got) != len(msg) || !strings.HasPrefix(got, tc.head) || !strings.HasSuffix(got, tc.tail) ||
			strings.Contains(got, testMobile) || !strings.Contains(got, "*") {
			t.Errorf("%s: %q goes out as %x %q", name, msg, out[0].Op, got)
		}
	}
	for name, msg := range map[string]string{
		"protobuf": "\x08\x00\x12\x0bhello world\x18\x96\x01\x20\x00\x2a\x0413:5",
		"png":      "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00",
	} {
		out, err := wsBinaryOut(t, h, []string{msg}, nil)
		if err != nil || len(out) != 1 || out[0].Op != bodyformat.WSBinary || string(out[0].Payload) != msg {
			t.Errorf("%s: %q goes out as %v %q", name, msg, err, out)
		}
	}
}
