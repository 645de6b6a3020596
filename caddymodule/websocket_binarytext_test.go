package caddymodule

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestWSBinaryTextRunsBinaryUntouched: binary messages that are no text
// (random bytes, protobuf-like messages of numbers and short strings, a
// PNG's head) go out byte for byte and are never refused, now that the
// text between a binary message's NULs is read (bodyformat binaryText):
// 0 of 200 random blobs touched.
func TestWSBinaryTextRunsBinaryUntouched(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := rand.New(rand.NewPCG(39, 2))
	var msgs []string
	for range 200 {
		b := make([]byte, 16+r.IntN(4096))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		msgs = append(msgs, string(b))
	}
	for range 50 {
		// protobuf-like: varint fields (ids, counts, timestamps) and
		// short strings of words
		var b []byte
		for range 1 + r.IntN(12) {
			if r.IntN(2) == 0 {
				b = append(b, byte(r.IntN(15)+1)<<3)
				for v := r.Uint64() >> r.IntN(64); ; v >>= 7 {
					if v < 0x80 {
						b = append(b, byte(v))
						break
					}
					b = append(b, byte(v)|0x80)
				}
				continue
			}
			s := []string{"hello world", "ok", "room-7", "chat.message.v1", "en-US"}[r.IntN(5)]
			b = append(append(b, byte(r.IntN(15)+1)<<3|2, byte(len(s))), s...)
		}
		msgs = append(msgs, string(b))
	}
	msgs = append(msgs, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x00\x00\x00\x19tEXtSoftware\x00Adobe ImageReady")
	touched := 0
	for _, msg := range msgs {
		out, err := wsBinaryOut(t, h, []string{msg}, nil)
		if err != nil || len(out) != 1 || out[0].Op != bodyformat.WSBinary || string(out[0].Payload) != msg {
			touched++
			t.Errorf("%q goes out as %v %q", msg[:min(len(msg), 64)], err, out)
		}
	}
	if touched != 0 {
		t.Errorf("%d of %d binary messages touched", touched, len(msgs))
	}
}
