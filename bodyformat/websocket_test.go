package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// wsFrame builds one frame by hand, independently of AppendWSFrame: fin,
// opcode, payload, masked with key when masked, its length in lenBytes
// (0 for the fewest, else 1, 2 or 8).
func wsFrame(fin bool, op byte, payload []byte, masked bool, key [4]byte, lenBytes int) []byte {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	var mbit byte
	if masked {
		mbit = 0x80
	}
	n := len(payload)
	if lenBytes == 0 {
		lenBytes = 1
		if n > 125 {
			lenBytes = 2
		}
		if n > 0xffff {
			lenBytes = 8
		}
	}
	out := []byte{b0}
	switch lenBytes {
	case 1:
		out = append(out, mbit|byte(n))
	case 2:
		out = append(out, mbit|126, byte(n>>8), byte(n))
	default:
		out = append(out, mbit|127)
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	if masked {
		out = append(out, key[:]...)
	}
	for i, c := range payload {
		if masked {
			c ^= key[i%4]
		}
		out = append(out, c)
	}
	return out
}

// wsCollect feeds wire to a decoder in pieces of size step and returns
// what it handed over, each as opcode byte then payload, and the error.
func wsCollect(t *testing.T, masked bool, limit int, wire []byte, step int) ([]WSFrame, error) {
	t.Helper()
	d := NewWSDecoder(masked, limit)
	var got []WSFrame
	emit := func(f WSFrame) error {
		got = append(got, WSFrame{Op: f.Op, Payload: bytes.Clone(f.Payload), Key: f.Key})
		return nil
	}
	for len(wire) > 0 {
		n := min(step, len(wire))
		if err := d.Feed(wire[:n], emit); err != nil {
			return got, err
		}
		wire = wire[n:]
	}
	return got, nil
}

func TestWSDecoderFragmentsAndControls(t *testing.T) {
	key := [4]byte{0x11, 0x22, 0x33, 0x44}
	for _, masked := range []bool{true, false} {
		var wire []byte
		wire = append(wire, wsFrame(false, WSText, []byte("my number is 1"), masked, key, 0)...)
		wire = append(wire, wsFrame(true, WSPing, []byte("p"), masked, key, 0)...)
		wire = append(wire, wsFrame(false, WSContinuation, []byte("3812"), masked, [4]byte{9, 8, 7, 6}, 0)...)
		wire = append(wire, wsFrame(true, WSContinuation, []byte("345678"), masked, key, 0)...)
		wire = append(wire, wsFrame(true, WSBinary, []byte{0, 1, 2}, masked, key, 0)...)
		wire = append(wire, wsFrame(true, WSClose, []byte{0x03, 0xe8, 'o', 'k'}, masked, key, 0)...)
		for _, step := range []int{1, 2, 3, 7, len(wire)} {
			got, err := wsCollect(t, masked, 1<<10, wire, step)
			if err != nil {
				t.Fatalf("masked=%v step %d: %v", masked, step, err)
			}
			want := []WSFrame{{Op: WSPing, Payload: []byte("p")}, {Op: WSText, Payload: []byte("my number is 13812345678")},
				{Op: WSBinary, Payload: []byte{0, 1, 2}}, {Op: WSClose, Payload: []byte{0x03, 0xe8, 'o', 'k'}}}
			if len(got) != len(want) {
				t.Fatalf("masked=%v step %d: %d frames, want %d", masked, step, len(got), len(want))
			}
			for i := range want {
				if got[i].Op != want[i].Op || !bytes.Equal(got[i].Payload, want[i].Payload) {
					t.Errorf("masked=%v step %d frame %d: %x %q", masked, step, i, got[i].Op, got[i].Payload)
				}
			}
			if masked && got[1].Key != key {
				t.Errorf("message key %x, want the first fragment's %x", got[1].Key, key)
			}
		}
	}
}

func TestWSDecoderLengths(t *testing.T) {
	key := [4]byte{1, 2, 3, 4}
	for _, n := range []int{0, 125, 126, 0xffff, 0x10000, 70000} {
		payload := bytes.Repeat([]byte("a"), n)
		for _, masked := range []bool{true, false} {
			wire := wsFrame(true, WSText, payload, masked, key, 0)
			if !bytes.Equal(wire, AppendWSFrame(nil, WSText, payload, masked, key)) {
				t.Errorf("n=%d masked=%v: AppendWSFrame differs from the hand-built frame", n, masked)
			}
			got, err := wsCollect(t, masked, 1<<20, wire, 4096)
			if err != nil || len(got) != 1 || len(got[0].Payload) != n {
				t.Errorf("n=%d masked=%v: %v, %d frames", n, masked, err, len(got))
			}
		}
	}
}

func TestWSDecoderMalformed(t *testing.T) {
	key := [4]byte{5, 6, 7, 8}
	cases := map[string]struct {
		wire []byte
		want error
	}{
		"unmasked from a client": {wsFrame(true, WSText, []byte("x"), false, key, 0), ErrWSProtocol},
		"reserved bit":           {append([]byte{0xc1}, wsFrame(true, WSText, []byte("x"), true, key, 0)[1:]...), ErrWSProtocol},
		"reserved opcode":        {wsFrame(true, 0x3, []byte("x"), true, key, 0), ErrWSProtocol},
		"fragmented control":     {wsFrame(false, WSPing, []byte("x"), true, key, 0), ErrWSProtocol},
		"long control":           {wsFrame(true, WSPing, bytes.Repeat([]byte("x"), 126), true, key, 0), ErrWSProtocol},
		"lone continuation":      {wsFrame(true, WSContinuation, []byte("x"), true, key, 0), ErrWSProtocol},
		"message in a message": {append(wsFrame(false, WSText, []byte("x"), true, key, 0),
			wsFrame(true, WSText, []byte("y"), true, key, 0)...), ErrWSProtocol},
		"16-bit length not minimal": {wsFrame(true, WSText, []byte("x"), true, key, 2), ErrWSProtocol},
		"64-bit length not minimal": {wsFrame(true, WSText, []byte("x"), true, key, 8), ErrWSProtocol},
		"64-bit length top bit":     {[]byte{0x81, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, ErrWSProtocol},
		"too big":                   {wsFrame(true, WSText, bytes.Repeat([]byte("x"), 300), true, key, 0), ErrWSTooBig},
		"too big across fragments": {append(wsFrame(false, WSText, bytes.Repeat([]byte("x"), 200), true, key, 0),
			wsFrame(true, WSContinuation, bytes.Repeat([]byte("x"), 100), true, key, 0)...), ErrWSTooBig},
		"text not UTF-8":  {wsFrame(true, WSText, []byte{0xff, 'a'}, true, key, 0), ErrWSNotUTF8},
		"close of 1 byte": {wsFrame(true, WSClose, []byte{3}, true, key, 0), ErrWSProtocol},
		"huge length":     {[]byte{0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4}, ErrWSTooBig},
	}
	for name, c := range cases {
		_, err := wsCollect(t, true, 256, c.wire, 1)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
		d := NewWSDecoder(true, 256)
		_ = d.Feed(c.wire, func(WSFrame) error { return nil })
		if err2 := d.Feed([]byte{0x81}, func(WSFrame) error { t.Errorf("%s: frame after an error", name); return nil }); err2 == nil {
			t.Errorf("%s: the decoder takes bytes after an error", name)
		}
	}
	if WSCloseCode(ErrWSTooBig) != WSCloseTooBig || WSCloseCode(ErrWSNotUTF8) != WSCloseInvalidPayload ||
		WSCloseCode(ErrWSProtocol) != WSCloseProtocolError {
		t.Error("close codes")
	}
}

// TestWSDecoderMemory: reassembling a message costs no allocation per
// byte: feeding a 64 KiB message a byte at a time allocates a bounded
// number of times (the message buffer's doublings).
func TestWSDecoderMemory(t *testing.T) {
	wire := wsFrame(true, WSText, []byte(strings.Repeat("b", 64<<10)), true, [4]byte{1, 2, 3, 4}, 0)
	allocs := testing.AllocsPerRun(3, func() {
		d := NewWSDecoder(true, 1<<20)
		for i := range wire {
			_ = d.Feed(wire[i:i+1], func(WSFrame) error { return nil })
		}
	})
	if allocs > 40 {
		t.Errorf("%v allocations for a 64 KiB message fed a byte at a time", allocs)
	}
}

func TestAppendWSClose(t *testing.T) {
	got, err := wsCollect(t, true, 256, AppendWSClose(nil, WSClosePolicyViolation, true, [4]byte{1, 2, 3, 4}), 1)
	if err != nil || len(got) != 1 || got[0].Op != WSClose || binary.BigEndian.Uint16(got[0].Payload) != 1008 {
		t.Fatalf("%v %v", got, err)
	}
}

// FuzzWSDecoder: any bytes, fed in any pieces, in either direction: no
// panic, messages within the bound, and a message handed over encodes
// to frames that decode to the same message.
func FuzzWSDecoder(f *testing.F) {
	key := [4]byte{1, 2, 3, 4}
	f.Add(wsFrame(true, WSText, []byte("hello 13812345678"), true, key, 0), true, uint8(3))
	f.Add(append(wsFrame(false, WSText, []byte("a"), false, key, 0), wsFrame(true, WSContinuation, []byte("b"), false, key, 0)...), false, uint8(1))
	f.Add(wsFrame(true, WSBinary, bytes.Repeat([]byte{0}, 200), true, key, 0), true, uint8(50))
	f.Add([]byte{0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, false, uint8(2))
	f.Fuzz(func(t *testing.T, wire []byte, masked bool, step uint8) {
		const limit = 4096
		d := NewWSDecoder(masked, limit)
		s := int(step) + 1
		emit := func(fr WSFrame) error {
			if len(fr.Payload) > limit {
				t.Fatalf("message of %d bytes over the bound", len(fr.Payload))
			}
			if fr.Op >= WSClose && len(fr.Payload) > 125 {
				t.Fatalf("control frame of %d bytes", len(fr.Payload))
			}
			again, err := wsCollect(t, masked, limit, AppendWSFrame(nil, fr.Op, fr.Payload, masked, fr.Key), 7)
			if err != nil || len(again) != 1 || again[0].Op != fr.Op || !bytes.Equal(again[0].Payload, fr.Payload) {
				t.Fatalf("re-encoded frame %x does not decode to itself: %v", fr.Op, err)
			}
			return nil
		}
		for len(wire) > 0 {
			n := min(s, len(wire))
			if d.Feed(wire[:n], emit) != nil {
				return
			}
			wire = wire[n:]
		}
		if d.Held() > limit+14+125 {
			t.Fatalf("holds %d bytes", d.Held())
		}
	})
}
