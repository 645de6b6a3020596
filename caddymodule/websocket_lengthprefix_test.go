package caddymodule

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// lengthPrefixed returns doc after its length, 4 bytes big-endian.
func lengthPrefixed(doc string) string {
	return string(binary.BigEndian.AppendUint32(nil, uint32(len(doc)))) + doc
}

// TestWSLengthPrefixedJSON: a binary message that is a JSON document
// after a 4-byte length ("\x00\x00\x00\x17{"phone":"…"}", a game's or an
// RPC protocol's framing) held NUL bytes, so it was no text and passed
// unread, whole mobile and all. It is read and joined as a JSON message
// is (bodyformat.SniffLengthPrefix), and goes out binary after its
// length, written anew; a clean one goes out byte for byte, and one whose
// length does not match is no length prefix: its head goes out as it
// came and its text is masked in place (bodyformat.SniffFramedText), as
// long as it was.
func TestWSLengthPrefixedJSON(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for name, msgs := range map[string][]string{
		"whole": {lengthPrefixed(`{"phone":"` + testMobile + `"}`)},
		"split": {lengthPrefixed(`{"text":"call ` + testMobile[:5] + `"}`), lengthPrefixed(`{"text":"` + testMobile[5:] + ` ok"}`)},
	} {
		out, err := wsBinaryOut(t, h, msgs, nil)
		if err != nil {
			t.Errorf("%s: closed: %v", name, err)
			continue
		}
		if len(out) != len(msgs) {
			t.Fatalf("%s: %d messages out, %d in", name, len(out), len(msgs))
		}
		var joined strings.Builder
		for i, f := range out {
			if f.Op != bodyformat.WSBinary || len(f.Payload) < 4 ||
				binary.BigEndian.Uint32(f.Payload) != uint32(len(f.Payload)-4) || f.Payload[4] != '{' {
				t.Errorf("%s: message %d: %x %q", name, i, f.Op, f.Payload)
				continue
			}
			joined.Write(f.Payload[4:])
		}
		if strings.Contains(strings.ReplaceAll(joined.String(), `"}{"text":"`, ""), testMobile) {
			t.Errorf("%s: the mobile goes out: %q", name, joined.String())
		}
		if !strings.Contains(joined.String(), "*") {
			t.Errorf("%s: nothing masked: %q", name, joined.String())
		}
	}
	clean := []string{lengthPrefixed(`{"text":"hello"}`), "\x00\x00\x00\x09" + `{"n":"` + testMobile + `"}`}
	out, err := wsBinaryOut(t, h, clean, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || string(out[0].Payload) != clean[0] || out[0].Op != bodyformat.WSBinary {
		t.Errorf("a clean length-prefixed message changed: %q", out)
	}
	if len(out) == 2 {
		if got := string(out[1].Payload); len(got) != len(clean[1]) || got[:4] != clean[1][:4] || strings.Contains(got, testMobile) || !strings.Contains(got, "*") {
			t.Errorf("a length that does not match is read as a prefix, or its text unmasked: %q", got)
		}
	}
}
