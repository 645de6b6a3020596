package bodyformat

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// FuzzDecompress feeds arbitrary bytes to the streaming decoders, alone
// and chained. Invariants: no panic; every error is ErrEncoding or
// ErrTooLarge; the output never exceeds the limit; and what decodes is
// what the coding's own decoder reads from the same bytes.
func FuzzDecompress(f *testing.F) {
	plain := []byte(`{"note":"fuzz me","n":[1,2,3]} `)
	for _, coding := range []string{"gzip", "deflate", "raw-deflate", "zstd", "br"} {
		f.Add(compress(f, coding, bytes.Repeat(plain, 50)), uint8(0))
	}
	f.Add(compress(f, "br", compress(f, "gzip", plain)), uint8(5))
	f.Add(bomb(f, "gzip", 1<<20), uint8(0))
	codings := []string{"gzip", "deflate", "zstd", "br", "identity", "gzip, br", "deflate, zstd"}
	f.Fuzz(func(t *testing.T, body []byte, pick uint8) {
		coding := codings[int(pick)%len(codings)]
		const limit = 256 << 10
		out, err := Decompress(body, coding, limit)
		if err != nil {
			if !errors.Is(err, ErrEncoding) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("%s: unexpected error %v", coding, err)
			}
			return
		}
		if len(out) > limit {
			t.Fatalf("%s: %d bytes decoded over a limit of %d", coding, len(out), limit)
		}
		if want, ok := referenceDecode(body, coding, limit); ok && !bytes.Equal(out, want) {
			t.Fatalf("%s: decoded %d bytes, the reference decoder %d", coding, len(out), len(want))
		}
	})
}

// referenceDecode decodes body with the coding's own decoder read whole,
// for the single codings whose reading is unambiguous.
func referenceDecode(body []byte, coding string, limit int64) ([]byte, bool) {
	var r io.Reader
	switch coding {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, false
		}
		r = zr
	case "zstd":
		d, err := zstd.NewReader(bytes.NewReader(body), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(zstdMaxWindow))
		if err != nil {
			return nil, false
		}
		defer d.Close()
		r = d
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	default:
		return nil, false
	}
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	return out, err == nil
}
