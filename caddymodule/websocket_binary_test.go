package caddymodule

import (
	"context"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// TestWebSocketBinaryTextJoined: text sent in binary frames (a client
// that decodes each ArrayBuffer with TextDecoder and appends it) is
// joined across messages as text messages are, and goes out in binary
// frames: a mobile sent a few digits a binary message, or split between
// a text and a binary message, does not go out whole. Binary messages
// that are not text pass byte for byte.
func TestWebSocketBinaryTextJoined(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	b := membudget.New(1 << 30)
	for name, msgs := range map[string][]struct {
		op      byte
		payload string
	}{
		"binary": {{bodyformat.WSBinary, "我的号码是 " + testMobile[:3]}, {bodyformat.WSBinary, testMobile[3:7]}, {bodyformat.WSBinary, testMobile[7:] + " 谢谢"}},
		"mixed":  {{bodyformat.WSText, "tel " + testMobile[:5]}, {bodyformat.WSBinary, testMobile[5:]}},
		"bytes":  {{bodyformat.WSBinary, "\x00\x01\x02\xff\xfe"}, {bodyformat.WSText, "hello"}},
	} {
		lease := b.Lease(context.Background(), 0)
		ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
		down := ss.down
		var wire []byte
		for _, m := range msgs {
			wire = bodyformat.AppendWSFrame(wire, m.op, []byte(m.payload), false, [4]byte{})
		}
		if err := down.take(wire); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := down.releaseHeld(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []bodyformat.WSFrame
		d := bodyformat.NewWSDecoder(false, 1<<20)
		if err := d.Feed(down.out, func(f bodyformat.WSFrame) error {
			got = append(got, bodyformat.WSFrame{Op: f.Op, Payload: []byte(string(f.Payload))})
			return nil
		}); err != nil {
			t.Fatalf("%s: output does not decode: %v", name, err)
		}
		if len(got) != len(msgs) {
			t.Fatalf("%s: %d messages out of %d", name, len(got), len(msgs))
		}
		var joined strings.Builder
		for k, f := range got {
			if f.Op != msgs[k].op {
				t.Errorf("%s: message %d went out as opcode %x, came as %x", name, k, f.Op, msgs[k].op)
			}
			joined.Write(f.Payload)
		}
		if strings.Contains(joined.String(), testMobile[3:]) || strings.Contains(joined.String(), testMobile[:7]) {
			t.Errorf("%s: the receiver joins %q", name, joined.String())
		}
		if name == "bytes" && string(got[0].Payload) != msgs[0].payload {
			t.Errorf("binary bytes changed: %q", got[0].Payload)
		}
		ss.close()
		lease.Close()
	}
}

// TestWebSocketControlPayloadsScrubbed: a ping or pong carries up to 125
// bytes an application may read (Node's ws emits them): one holding
// personal information goes on empty, as a close reason does; another
// passes as it came.
func TestWebSocketControlPayloadsScrubbed(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	b := membudget.New(1 << 30)
	lease := b.Lease(context.Background(), 0)
	defer lease.Close()
	ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
	defer ss.close()
	down := ss.down
	var wire []byte
	wire = bodyformat.AppendWSFrame(wire, bodyformat.WSPing, []byte("id "+testID), false, [4]byte{})
	wire = bodyformat.AppendWSFrame(wire, bodyformat.WSPong, []byte("tel "+testMobile), false, [4]byte{})
	wire = bodyformat.AppendWSFrame(wire, bodyformat.WSPing, []byte("hb-17"), false, [4]byte{})
	if err := down.take(wire); err != nil {
		t.Fatal(err)
	}
	var got []string
	d := bodyformat.NewWSDecoder(false, 1<<20)
	if err := d.Feed(down.out, func(f bodyformat.WSFrame) error {
		got = append(got, string(f.Payload))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "" || got[1] != "" || got[2] != "hb-17" {
		t.Errorf("control frames went out as %q", got)
	}
}
