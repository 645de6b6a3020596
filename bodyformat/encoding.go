package bodyformat

import (
	"bufio"
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
	"github.com/pierrec/lz4/v4"
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
	if e.cause == errBeyondStream || e.cause == errFoundBeyondStream {
		return fmt.Sprintf("%v: %s: %v", ErrEncoding, e.coding, e.cause) // (quotes no bytes)
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
	lim := Limits{MaxDecoded: limit}.withDefaults()
	if contentEncoding == FormatLZ4 {
		return decodeFile(body, FormatLZ4, lim, newMeter(lim)) // a file's, not a content coding
	}
	out, rest, err := decode(body, contentEncoding, lim, newMeter(lim))
	if err == nil && len(rest) > 0 {
		// no reading of the bytes follows: what the stream leaves of the
		// body is refused rather than lost
		cs := codings(contentEncoding)
		return nil, &decodeError{cs[len(cs)-1], errBeyondStream}
	}
	return out, err
}

func knownCoding(c string) bool {
	switch c {
	case "gzip", "x-gzip", "deflate", "zstd", "br":
		return true
	}
	return false
}

// maxCodings is the most content codings a body may name, the identity
// ones left out: a sender applies one or two, while each one more makes
// every decoder of the chain read again what all the ones inside it
// yield (attack pass 34, F10).
const maxCodings = 4

// decode removes the content codings of body as one stream: each
// decoder reads from the next one in, none holds more than its window,
// and only the final output is kept. It grows under m's memory account,
// checking m's context between chunks, and fails with ErrTooLarge as soon
// as the output, or what any decoder in the chain yields, passes
// lim.MaxDecoded or lim.MaxRatio times the body's size. rest is what
// follows the end of the body's gzip or deflate stream (codingspan.go):
// the caller reads it as text.
func decode(body []byte, contentEncoding string, lim Limits, m *meter) (out, rest []byte, err error) {
	cs := codings(contentEncoding)
	for _, c := range cs {
		if !knownCoding(c) {
			return nil, nil, &decodeError{coding: c}
		}
	}
	if len(cs) > maxCodings {
		return nil, nil, fmt.Errorf("%w: %d content codings, more than %d", ErrEncoding, len(cs), maxCodings)
	}
	if len(cs) == 0 {
		if int64(len(body)) > lim.MaxDecoded {
			return nil, nil, tooLarge("body", lim.MaxDecoded)
		}
		return body, nil, nil
	}
	bound := decodedBound(int64(len(body)), lim)
	out, rest, err = decodeChain(body, cs, bound, lim, m, false)
	var de *decodeError
	if len(cs) == 1 && cs[0] == "deflate" && zlibHeader(body) && errors.As(err, &de) {
		// not zlib after all: "deflate" sent raw, as enough servers do
		if out, rest, err2 := decodeChain(body, cs, bound, lim, m, true); err2 == nil || !errors.As(err2, &de) {
			return orNil(out, rest, err2)
		}
	}
	return orNil(out, rest, err)
}

// decodeFile decodes body, a file of one coding told by its magic number
// and named by no Content-Encoding ("zstd", or "lz4", which is no HTTP
// coding), within the limits of a content coding. Both decoders refuse
// bytes after their frames.
func decodeFile(body []byte, coding string, lim Limits, m *meter) ([]byte, error) {
	out, _, err := decodeChain(body, []string{coding}, decodedBound(int64(len(body)), lim), lim, m, false)
	out, _, err = orNil(out, nil, err)
	return out, err
}

// orNil returns out, or nil with err when there is one: what a decoder
// yielded before it failed is no body.
func orNil(out, rest []byte, err error) ([]byte, []byte, error) {
	if err != nil {
		return nil, nil, err
	}
	return out, rest, nil
}

// decodedBound is how many bytes a body of n encoded bytes may decode to:
// lim.MaxDecoded, and no more than lim.MaxRatio times n (but never less
// than minRatioBound, so a short body may still hold a page of text).
func decodedBound(n int64, lim Limits) int64 {
	byRatio := max(n, 1)
	if byRatio > math.MaxInt64/lim.MaxRatio {
		return lim.MaxDecoded
	}
	return min(lim.MaxDecoded, max(byRatio*lim.MaxRatio, minRatioBound))
}

// minRatioBound is the least decodedBound allows whatever the ratio.
const minRatioBound = 64 << 10

// decodeChain opens one decoder per coding, innermost (the last applied)
// reading body, and reads the outermost to its end. rawDeflate reads
// "deflate" as raw deflate even when it starts like zlib. rest is what
// follows the body's own gzip or deflate stream (spanReader).
func decodeChain(body []byte, cs []string, bound int64, lim Limits, m *meter, rawDeflate bool) (out, rest []byte, err error) {
	src := bytes.NewReader(body) // a ByteReader: gzip and flate read no further than their stream
	var r io.Reader = src
	var closers []func()
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	first := len(cs) - 1
	for i := first; i >= 0; i-- {
		var head []byte
		in := r
		if i == first {
			head = body
		} else if endsItself(cs[i]) {
			// read no further than the stream, so what follows it is
			// seen; the buffer is charged before it is made
			if err := m.reserve(innerBufSize); err != nil {
				return nil, nil, err
			}
			br := bufio.NewReaderSize(r, innerBufSize)
			head, _ = br.Peek(2)
			in = br
		}
		if err := m.reserve(decoderCost(cs[i], head, bound)); err != nil {
			return nil, nil, err
		}
		dr, closer, err := openDecoder(in, cs[i], head, rawDeflate)
		if err != nil {
			return nil, nil, err
		}
		if closer != nil {
			closers = append(closers, closer)
		}
		if endsItself(cs[i]) {
			dr = newSpanReader(dr, in, cs[i], i == first)
		}
		r = &codingReader{r: dr, coding: cs[i], left: bound, bound: bound}
	}
	out, err = readDecoded(r, cs[0], int64(len(body)), bound, m)
	if err == nil && endsItself(cs[first]) && src.Len() > 0 {
		rest = body[len(body)-src.Len():]
	}
	return out, rest, err
}

// innerBufSize is the buffer a gzip or deflate decoder inside another
// coding reads through (a ByteReader, so it stops at its stream's end),
// charged to the memory budget like a decoder's window.
const innerBufSize = 4096

// The memory a decoder holds besides its output, as charged: a deflate
// window and its tables, and the windows of brotli and zstd, which a frame
// may ask to be as large as 16 MiB and 8 MiB (RFC 9659).
const (
	flateCost     = 48 << 10
	brotliMaxWin  = 16 << 20
	decoderTables = 64 << 10
)

// decoderCost is what a decoder of coding is charged; head, when known, is
// the start of what it reads, from which the window it needs is read. A
// window is never charged larger than twice bound: brotli and zstd grow
// theirs with their output.
func decoderCost(coding string, head []byte, bound int64) int64 {
	switch coding {
	case "br":
		return min(brotliWindow(head), 2*bound) + decoderTables
	case "zstd":
		win := int64(zstdMaxWindow)
		var h zstd.Header
		if head != nil && h.Decode(head) == nil {
			if h.WindowSize > 0 {
				win = min(win, int64(h.WindowSize))
			}
			if h.HasFCS {
				win = min(win, int64(h.FrameContentSize))
			}
		}
		return min(win, 2*bound) + decoderTables
	case "lz4":
		if head == nil {
			return 4*lz4LegacyBlock + decoderTables
		}
		return lz4Cost(head)
	}
	return flateCost
}

// brotliWindow reads the window size from the first bits of a brotli
// stream (RFC 7932, 9.1), or returns the largest when head is too short.
func brotliWindow(head []byte) int64 {
	if len(head) == 0 {
		return brotliMaxWin
	}
	b := head[0]
	switch {
	case b&1 == 0:
		return 1 << 16
	case (b>>1)&7 != 0:
		return 1 << (17 + (b>>1)&7)
	case (b>>4)&7 != 0:
		return 1 << (8 + (b>>4)&7)
	}
	return 1 << 17
}

// openDecoder returns a decoder of coding reading r, and what returns it
// to its pool. head is the start of r when known (the body itself).
func openDecoder(r io.Reader, coding string, head []byte, rawDeflate bool) (io.Reader, func(), error) {
	switch coding {
	case "gzip", "x-gzip":
		zr, _ := gzipPool.Get().(*gzip.Reader)
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(r)
		} else {
			err = zr.Reset(r)
		}
		if err != nil {
			return nil, nil, &decodeError{coding, err}
		}
		zr.Multistream(false) // spanReader opens the next member
		return zr, func() { gzipPool.Put(zr) }, nil
	case "deflate":
		if rawDeflate || !zlibHeader(head) {
			fr, put := pooledFlate(r)
			return fr, put, nil
		}
		zr, err := zlib.NewReader(r)
		if err != nil {
			return nil, nil, &decodeError{coding, err}
		}
		return zr, nil, nil
	case "zstd":
		d := zstdPool.Get().(*zstd.Decoder)
		done := func() {
			d.Reset(nil)
			zstdPool.Put(d)
		}
		if err := d.Reset(r); err != nil {
			done()
			return nil, nil, &decodeError{coding, err}
		}
		return d, done, nil
	case "br":
		return brotli.NewReader(r), nil, nil
	case "lz4":
		if head == nil || !lz4Guard(head) {
			return nil, nil, &decodeError{coding, errLZ4LegacyRun}
		}
		return lz4.NewReader(r), nil, nil // (one block at a time: no goroutines)
	}
	return nil, nil, &decodeError{coding: coding}
}

// codingReader is one decoder of a chain: its errors name its coding (or
// are passed on as they are when they come from a decoder further in),
// and it fails with ErrTooLarge once it has yielded more than left bytes,
// so no decoder of the chain runs on for ever however little the next
// one keeps of its output.
type codingReader struct {
	r      io.Reader
	coding string
	left   int64 // of the bound
	bound  int64
}

func (c *codingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, tooLarge(c.coding+"-decoded data", c.bound)
	}
	if err == nil || err == io.EOF {
		return n, err
	}
	if _, ok := errors.AsType[*decodeError](err); ok || errors.Is(err, ErrTooLarge) {
		return n, err
	}
	return n, &decodeError{c.coding, err}
}

// maxStalls is how many reads in a row may yield nothing before a decoder
// is taken to be stuck.
const maxStalls = 100

// readChunk is the most read from a decoder between two checks of the
// context.
const readChunk = 64 << 10

// readDecoded reads r, the decoder of inLen encoded bytes, to its end,
// failing with ErrTooLarge as soon as it yields more than bound bytes
// (decodedBound). On a corrupt or cut stream it returns what was decoded
// before the fault with the error. The output grows by doubling, each new
// array charged to m before it is made (the old ones too stay charged: they
// are garbage the collector has not yet reclaimed), and the context is
// checked between chunks. What it yields counts toward what the
// inspection's decoders may yield together (meter.decodeLeft), which bounds
// it too.
func readDecoded(r io.Reader, coding string, inLen, bound int64, m *meter) (out []byte, err error) {
	what, limit := coding+"-decoded body", bound
	if m.decodeCapped {
		if m.decodeLeft < bound {
			bound = max(m.decodeLeft, 0)
			what, limit = "what the body's decoders yield together ("+what+" included)", m.decodeCap
		}
		defer func() { m.decodeLeft -= int64(len(out)) }()
	}
	size := min(inLen*4+512, bound+1) // a guess: text compresses about 4:1
	if err := m.reserve(size); err != nil {
		return nil, err
	}
	buf := make([]byte, 0, size)
	stalls := 0
	for {
		if err := m.canceled(); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			if int64(len(buf)) > bound {
				break
			}
			size = min(2*int64(cap(buf)), bound+1)
			if err := m.reserve(size); err != nil {
				return nil, err
			}
			buf = append(make([]byte, 0, size), buf...)
		}
		end := min(cap(buf), len(buf)+readChunk)
		n, err := r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if n > 0 {
			stalls = 0
		} else if stalls++; stalls > maxStalls && err == nil {
			err = &decodeError{coding, io.ErrNoProgress} // a decoder that yields nothing, for ever
		}
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, tooLarge(what, limit)
			}
			return buf, err // what decoded before the fault (inflated)
		}
	}
	if int64(len(buf)) > bound {
		return nil, tooLarge(what, limit)
	}
	return buf, nil
}

// gzipPool keeps gzip readers for reuse: each holds a 32 KiB window.
var gzipPool sync.Pool

// flatePool keeps raw deflate readers for reuse, as gzipPool keeps gzip's:
// a reading that tries many short tokens as raw deflate (base64blob.go)
// makes no window a token.
var flatePool sync.Pool

// pooledFlate returns a raw deflate reader of r from flatePool, and the
// function that puts it back once it is no longer read.
func pooledFlate(r io.Reader) (io.Reader, func()) {
	fr, _ := flatePool.Get().(io.ReadCloser)
	if fr == nil || fr.(flate.Resetter).Reset(r, nil) != nil {
		fr = flate.NewReader(r)
	}
	return fr, func() { flatePool.Put(fr) }
}

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

// zlibHeader reports whether in starts with a zlib header: deflate method,
// a window of at most 32 KiB, and the header check bits.
func zlibHeader(in []byte) bool {
	return len(in) >= 2 && in[0]&0x0F == 8 && in[0]>>4 <= 7 && (uint16(in[0])<<8|uint16(in[1]))%31 == 0
}
