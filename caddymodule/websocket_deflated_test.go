package caddymodule

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"io"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// TestWebSocketDeflatedBinary: a binary message an application
// compressed itself as gzip, zlib (RFC 1950) or raw deflate (RFC 1951)
// goes out, in both directions, in the same format with the values
// masked, as the receiver inflates it; the same compressed without
// personal data, and binary messages that are not compressed text, go
// out byte for byte.
func TestWebSocketDeflatedBinary(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	b := membudget.New(1 << 30)
	msg := []byte(`{"idCard":"` + testID + `","mobile":"` + testMobile + `"}`)
	clean := []byte(`{"price":12345678,"qty":3,"sym":"600519"}`)
	type format struct {
		pack    func([]byte) []byte
		inflate func([]byte) ([]byte, error)
	}
	formats := map[string]format{
		"gzip": {func(p []byte) []byte {
			var buf bytes.Buffer
			w := gzip.NewWriter(&buf)
			w.Write(p)
			w.Close()
			return buf.Bytes()
		}, func(p []byte) ([]byte, error) {
			r, err := gzip.NewReader(bytes.NewReader(p))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		}},
		"zlib": {func(p []byte) []byte {
			var buf bytes.Buffer
			w := zlib.NewWriter(&buf)
			w.Write(p)
			w.Close()
			return buf.Bytes()
		}, func(p []byte) ([]byte, error) {
			r, err := zlib.NewReader(bytes.NewReader(p))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		}},
		"raw deflate": {func(p []byte) []byte {
			var buf bytes.Buffer
			w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
			w.Write(p)
			w.Close()
			return buf.Bytes()
		}, func(p []byte) ([]byte, error) {
			return io.ReadAll(flate.NewReader(bytes.NewReader(p)))
		}},
	}
	send := func(dir string, payload []byte) []byte {
		t.Helper()
		lease := b.Lease(context.Background(), 0)
		defer lease.Close()
		ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
		defer ss.close()
		side, masked := ss.down, false
		if dir == "up" {
			side, masked = ss.up, true
		}
		if err := side.take(bodyformat.AppendWSFrame(nil, bodyformat.WSBinary, payload, masked, [4]byte{1, 2, 3, 4})); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if err := side.releaseHeld(); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var out []byte
		d := bodyformat.NewWSDecoder(masked, 1<<20)
		if err := d.Feed(side.out, func(f bodyformat.WSFrame) error {
			if f.Op != bodyformat.WSBinary {
				t.Errorf("%s: opcode %x", dir, f.Op)
			}
			out = append(out, f.Payload...)
			return nil
		}); err != nil {
			t.Fatalf("%s: output does not decode: %v", dir, err)
		}
		return out
	}
	for name, f := range formats {
		for _, dir := range []string{"down", "up"} {
			out := send(dir, f.pack(msg))
			text, err := f.inflate(out)
			if err != nil {
				t.Fatalf("%s %s: the message no longer inflates as %s: %v", name, dir, name, err)
			}
			assertNoRaw(t, name+" binary message "+dir+", inflated", string(text))
			if !bytes.Contains(text, []byte(`"idCard":"`)) {
				t.Errorf("%s %s: inflates to %q", name, dir, text)
			}
			if packed := f.pack(clean); !bytes.Equal(send(dir, packed), packed) {
				t.Errorf("%s %s: a clean message changed", name, dir)
			}
		}
	}
	for _, payload := range [][]byte{
		{0x78, 0x9c, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03},       // a zlib header, then no stream
		{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0}, // an image
		{0x02, 0x31, 0x33, 0x38, 0x00, 0xff, 0x10, 0x20, 0x30}, // a record
	} {
		for _, dir := range []string{"down", "up"} {
			if out := send(dir, payload); !bytes.Equal(out, payload) {
				t.Errorf("binary %x %s: changed to %x", payload, dir, out)
			}
		}
	}
}
