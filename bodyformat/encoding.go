package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

// zstdMaxWindow is the largest zstd window accepted. RFC 9659 caps the
// window of zstd as an HTTP content coding at 8 MB so that decoders need
// bounded memory; a frame asking for more is refused.
const zstdMaxWindow = 8 << 20

// decodeError is an ErrEncoding that names the coding and keeps the
// decoder's error for errors.Is/As, but leaves the decoder's message (which
// may quote bytes of the body) out of its own.
type decodeError struct {
	coding string
	cause  error
}

func (e *decodeError) Error() string {
	if e.cause == nil {
		return fmt.Sprintf("%v: unsupported coding %q", ErrEncoding, e.coding)
	}
	return fmt.Sprintf("%v: %s data is corrupt", ErrEncoding, e.coding)
}

func (e *decodeError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrEncoding}
	}
	return []error{ErrEncoding, e.cause}
}

// tooLarge returns the ErrTooLarge of a body that exceeds limit.
func tooLarge(what string, limit int64) error {
	return fmt.Errorf("%w: %s exceeds %d bytes", ErrTooLarge, what, limit)
}

// codings splits a Content-Encoding value into lower-case codings, without
// the identity ones.
func codings(contentEncoding string) []string {
	var out []string
	for c := range strings.SplitSeq(contentEncoding, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && c != "identity" {
			out = append(out, c)
		}
	}
	return out
}

// Compressed reports whether a Content-Encoding value names at least one
// coding, and only codings Decompress knows: "identity, identity", "x-none"
// or "," do not make a body compressed.
func Compressed(contentEncoding string) bool {
	cs := codings(contentEncoding)
	for _, c := range cs {
		if !knownCoding(c) {
			return false
		}
	}
	return len(cs) > 0
}

// isIdentity reports whether a Content-Encoding value names no coding.
func isIdentity(contentEncoding string) bool { return len(codings(contentEncoding)) == 0 }

// decompress implements Decompress.
func decompress(body []byte, contentEncoding string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxDecoded
	}
	limit = min(limit, math.MaxInt64-1)
	cs := codings(contentEncoding)
	for _, c := range cs {
		if !knownCoding(c) {
			return nil, &decodeError{coding: c}
		}
	}
	if int64(len(body)) > limit && len(cs) == 0 {
		return nil, tooLarge("body", limit)
	}
	out := body
	for i := len(cs) - 1; i >= 0; i-- {
		var err error
		if out, err = decodeOne(out, cs[i], limit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func knownCoding(c string) bool {
	switch c {
	case "gzip", "x-gzip", "deflate", "zstd", "br":
		return true
	}
	return false
}

// decodeOne removes one coding, refusing output over limit bytes.
func decodeOne(in []byte, coding string, limit int64) ([]byte, error) {
	switch coding {
	case "gzip", "x-gzip":
		zr, _ := gzipPool.Get().(*gzip.Reader)
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(bytes.NewReader(in))
		} else {
			err = zr.Reset(bytes.NewReader(in))
		}
		if err != nil {
			return nil, &decodeError{coding, err}
		}
		defer gzipPool.Put(zr)
		return readAllLimited(zr, len(in), coding, limit)
	case "deflate":
		return inflate(in, limit)
	case "zstd":
		d := zstdPool.Get().(*zstd.Decoder)
		defer func() {
			d.Reset(nil)
			zstdPool.Put(d)
		}()
		if err := d.Reset(bytes.NewReader(in)); err != nil {
			return nil, &decodeError{coding, err}
		}
		return readAllLimited(d, len(in), coding, limit)
	case "br":
		return readAllLimited(brotli.NewReader(bytes.NewReader(in)), len(in), coding, limit)
	}
	return nil, &decodeError{coding: coding}
}

// inflate decodes "deflate", which is meant to be zlib-wrapped (RFC 9110)
// but is sent raw by enough servers that raw deflate is tried as well.
func inflate(in []byte, limit int64) ([]byte, error) {
	var zerr error
	if zlibHeader(in) {
		zr, err := zlib.NewReader(bytes.NewReader(in))
		if err == nil {
			out, err := readAllLimited(zr, len(in), "deflate", limit)
			if err == nil || errors.Is(err, ErrTooLarge) {
				return out, err
			}
		}
		zerr = err
	}
	out, err := readAllLimited(flate.NewReader(bytes.NewReader(in)), len(in), "deflate", limit)
	if err != nil && zerr != nil && !errors.Is(err, ErrTooLarge) {
		return nil, &decodeError{"deflate", zerr}
	}
	return out, err
}

// zlibHeader reports whether in starts with a zlib header: deflate method,
// a window of at most 32 KiB, and the header check bits.
func zlibHeader(in []byte) bool {
	return len(in) >= 2 && in[0]&0x0F == 8 && in[0]>>4 <= 7 && (uint16(in[0])<<8|uint16(in[1]))%31 == 0
}

// readAllLimited reads r, the decoder of inLen compressed bytes, to its
// end, failing with ErrTooLarge as soon as it yields more than limit bytes:
// it never holds more than limit+1 of them.
func readAllLimited(r io.Reader, inLen int, coding string, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(min(int64(inLen)*4+512, limit+1))) // a guess: text compresses about 4:1
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &decodeError{coding, err}
	}
	if int64(buf.Len()) > limit {
		return nil, tooLarge(coding+"-decoded body", limit)
	}
	return buf.Bytes(), nil
}

// gzipPool keeps gzip readers for reuse: each holds a 32 KiB window.
var gzipPool sync.Pool

// zstdPool keeps synchronous zstd decoders (concurrency 1 runs no
// goroutines) for reuse: creating one is costly.
var zstdPool = sync.Pool{New: func() any {
	d, err := zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxWindow(zstdMaxWindow),
	)
	if err != nil {
		panic("bodyformat: zstd decoder: " + err.Error())
	}
	return d
}}
