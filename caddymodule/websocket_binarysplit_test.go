package caddymodule

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// wsBinaryOut sends msgs (binary, or text for those ops says so) down a
// fresh session's upstream side, releases what is held, and returns the
// frames that go out, or the close error.
func wsBinaryOut(t *testing.T, h *Handler, msgs []string, ops []byte) ([]bodyformat.WSFrame, error) {
	t.Helper()
	b := membudget.New(1 << 30)
	lease := b.Lease(context.Background(), 0)
	defer lease.Close()
	ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
	defer ss.close()
	down := ss.down
	var wire []byte
	for i, m := range msgs {
		op := byte(bodyformat.WSBinary)
		if ops != nil {
			op = ops[i]
		}
		wire = bodyformat.AppendWSFrame(wire, op, []byte(m), false, [4]byte{})
	}
	if err := down.take(wire); err != nil {
		return nil, err
	}
	if err := down.releaseHeld(); err != nil {
		return nil, err
	}
	var out []bodyformat.WSFrame
	d := bodyformat.NewWSDecoder(false, 1<<20)
	if err := d.Feed(down.out, func(f bodyformat.WSFrame) error {
		f.Payload = bytes.Clone(f.Payload)
		out = append(out, f)
		return nil
	}); err != nil {
		t.Fatalf("output does not decode: %v", err)
	}
	return out, nil
}

// TestWSBinarySplitUTF8: text sent in binary WebSocket messages was
// joined across messages only when each message on its own was valid
// UTF-8 text (attack pass 34, F1). A client that decodes its ArrayBuffers
// with a streaming decoder (new TextDecoder().decode(buf, {stream:
// true}), Node's StringDecoder, Buffer.concat(...).toString()) accepts a
// character cut across two messages, as any chunked UTF-8 is. The
// attacker cut a character before the number and one after it:
//
//	"手机\xe5" | "\x8f\xb7 13812" | "345678\xe3" | "\x80\x82"
//
// The middle messages were not valid UTF-8 on their own, so each was
// judged alone as an untyped binary body (5 and 6 digits: nothing). Now
// the incomplete character is carried (bodyformat.UTF8Carry): they join
// the text stream, and the mask stars the digits in place in each
// message, every message going out binary and as long as it came.
func TestWSBinarySplitUTF8(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for name, msgs := range map[string][]string{
		"cut characters": {"手机\xe5", "\x8f\xb7 " + testMobile[:5], testMobile[5:] + "\xe3", "\x80\x82"},
		"byte by byte":   {"手机", "\xe5", "\x8f", "\xb7" + testMobile[:3], testMobile[3:] + "\xe3\x80", "\x82"},
		"four-byte":      {"tel \xf0\x9f", "\x93\x9e" + testMobile[:6], testMobile[6:] + "\xf0", "\x9f\x93\x9e"},
	} {
		out, err := wsBinaryOut(t, h, msgs, nil)
		if err != nil {
			t.Errorf("%s: closed: %v", name, err)
			continue
		}
		if len(out) != len(msgs) {
			t.Fatalf("%s: %d messages out, %d in", name, len(out), len(msgs))
		}
		var joined []byte
		for i, f := range out {
			joined = append(joined, f.Payload...)
			if f.Op != bodyformat.WSBinary || len(f.Payload) != len(msgs[i]) {
				t.Errorf("%s: message %d: op %x, %q for %q", name, i, f.Op, f.Payload, msgs[i])
				continue
			}
			for k := range f.Payload { // only digits are starred, in place
				if c := msgs[i][k]; f.Payload[k] != c && (c < '0' || c > '9' || f.Payload[k] != '*') {
					t.Errorf("%s: message %d: %q for %q", name, i, f.Payload, msgs[i])
					break
				}
			}
		}
		if strings.Contains(string(joined), testMobile) || !utf8.Valid(joined) {
			t.Errorf("%s: the receiver's decoder reads %q", name, joined)
		}
	}
}

// TestWSBinarySplitUTF8Kept: a binary message that does not complete the
// character the last one cut is no text: it is judged alone, and passes
// byte for byte; the carry is dropped, so the text after it is read
// afresh. A text message between two binary ones leaves the carry (a
// streaming decoder over the binary messages does not see it).
func TestWSBinarySplitUTF8Kept(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	msgs := []string{"手机\xe5", "\x00\x01\xfe\xff\x80", "ok " + testMobile[:4]}
	out, err := wsBinaryOut(t, h, msgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range out {
		if i < 2 && string(f.Payload) != msgs[i] {
			t.Errorf("message %d changed: %q", i, f.Payload)
		}
	}
	msgs = []string{"号码\xe5", "a note", "\x8f\xb7 " + testMobile[:5], testMobile[5:] + " ok"}
	out, err = wsBinaryOut(t, h, msgs, []byte{bodyformat.WSBinary, bodyformat.WSText, bodyformat.WSBinary, bodyformat.WSBinary})
	if err != nil {
		t.Fatal(err)
	}
	var bin []byte
	for _, f := range out {
		if f.Op == bodyformat.WSBinary {
			bin = append(bin, f.Payload...)
		}
	}
	if strings.Contains(string(bin), testMobile) {
		t.Errorf("a text message between cut binary ones lets the mobile through: %q", bin)
	}
	// the message that completes the carried character joins the text:
	// the start of the mobile in it is starred
	if len(out) != 4 || string(out[2].Payload) == msgs[2] || len(out[2].Payload) != len(msgs[2]) {
		t.Errorf("the message completing the carried character is not joined: %q", out)
	}
}
