package bodyformat

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/klauspost/compress/gzip"
)

// A gzip or deflate stream ends by itself, and need not end the body: a
// script writes a newline after ob_gzhandler's output, a proxy pads with
// zeros, and browsers ignore what follows the gzip member (Chromium's
// GzipSourceStream, Firefox). But a receiver that does not inflate (an
// upstream that ignores a request's Content-Encoding, curl without
// --compressed) reads those bytes, and "deflate" has no magic: plain JSON
// may inflate as a short raw-deflate block and leave the rest of the body
// after it (attack pass 34, F3 to F6). So every stream is read to its
// end and what follows it is looked at: bytes that start another gzip
// member are decoded as it (gzip is multi-member), other bytes after the
// body's own stream are rest, which the caller reads as text
// (beyondCoding), and any bytes after a stream inside another coding are
// refused: no reader of text sees them, and none may hide there.

// errBeyondStream is the cause of a decodeError for bytes after the end of
// a stream that cannot be read as text.
var errBeyondStream = errors.New("bytes after the end of the stream")

// errLZ4LegacyRun is the cause of a decodeError for an LZ4 file the
// decoder is not given (lz4Guard).
var errLZ4LegacyRun = errors.New("a run of legacy LZ4 frame magic numbers")

// endsItself reports whether a coding's stream ends by itself, before its
// input does, with a decoder that reads no further than its end from a
// ByteReader: gzip and deflate. (Brotli, zstd and LZ4 decoders refuse
// bytes after their stream themselves.)
func endsItself(coding string) bool { return coding != "br" && coding != "zstd" && coding != "lz4" }

// spanReader reads a gzip or deflate decoder to the end of its stream
// and looks at what follows in src, the decoder's input.
type spanReader struct {
	dec    io.Reader
	src    io.Reader // a *bytes.Reader (the body) or a *bufio.Reader
	coding string
	body   bool // src is the body itself: bytes after the stream are rest
	ended  bool // dec reached the end of its member
}

// newSpanReader returns a spanReader of dec, a decoder of coding reading
// src; body says src is the body.
func newSpanReader(dec, src io.Reader, coding string, body bool) *spanReader {
	return &spanReader{dec: dec, src: src, coding: coding, body: body}
}

func (s *spanReader) Read(p []byte) (int, error) {
	for {
		if !s.ended {
			n, err := s.dec.Read(p)
			if err != io.EOF {
				return n, err
			}
			s.ended = true // (a gzip reader must not be read past its end)
			if n > 0 {
				return n, nil
			}
		}
		head, err := s.peek(2)
		if len(head) == 0 {
			if err == nil || err == io.EOF {
				return 0, io.EOF
			}
			return 0, err
		}
		zr, gz := s.dec.(*gzip.Reader)
		if !gz || !bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
			if s.body {
				return 0, io.EOF // rest: the caller reads it
			}
			return 0, &decodeError{s.coding, errBeyondStream}
		}
		if err := zr.Reset(s.src); err != nil {
			return 0, &decodeError{s.coding, err}
		}
		zr.Multistream(false)
		s.ended = false
	}
}

// peek returns up to the next n bytes of src without reading them.
func (s *spanReader) peek(n int) ([]byte, error) {
	switch src := s.src.(type) {
	case *bufio.Reader:
		return src.Peek(n)
	case *bytes.Reader:
		if src.Len() == 0 {
			return nil, io.EOF
		}
		b := make([]byte, min(n, src.Len()))
		_, _ = src.ReadAt(b, src.Size()-int64(src.Len()))
		return b, nil
	}
	return nil, io.ErrNoProgress
}

// errFoundBeyondStream is the cause of a decodeError for personal data in
// the bytes after the end of a body's stream, in Redact mode.
var errFoundBeyondStream = errors.New("personal data after the end of the stream")

// beyondCoding reads what the body's own gzip or deflate stream leaves of
// body (rest, from decode) as a receiver that does not decode the coding
// reads it: after gzip, rest alone, as untyped text (the magic bytes
// before it are no text to anyone); after deflate, which has no magic
// and which plain text may pass for, the whole body as its type mt says.
// The reading is a Scan: what it finds counts among the body's findings;
// in Redact mode it fails the body closed (ErrEncoding), since those bytes
// cannot be masked without breaking the stream before them.
func (in *inspector) beyondCoding(body, rest []byte, contentEncoding, mt string, params map[string]string, nest int) error {
	if len(rest) == 0 {
		return nil
	}
	cs := codings(contentEncoding)
	coding := cs[len(cs)-1]
	raw := rest
	if rawBeyond(contentEncoding) {
		raw = body
	} else {
		mt, params = "", nil
	}
	return in.beyondStream(raw, mt, params, coding, nest)
}

// rawBeyond reports whether beyondCoding reads the whole body of
// contentEncoding (its last coding deflate), not only what follows its
// stream.
func rawBeyond(contentEncoding string) bool {
	cs := codings(contentEncoding)
	return len(cs) > 0 && cs[len(cs)-1] == "deflate"
}

// beyondStream reads raw, bytes after the end of a coding's stream or the
// body they end, as mt in Scan mode: what it finds counts; in Redact mode
// it fails closed with a decodeError of coding.
func (in *inspector) beyondStream(raw []byte, mt string, params map[string]string, coding string, nest int) error {
	if len(raw) == 0 {
		return nil
	}
	mode, before := in.mode, in.counted()
	in.mode = Scan
	_, _, err := in.charsetBody(raw, mt, params, 0, nest)
	in.mode = mode
	if err != nil {
		return err
	}
	if mode == Redact && in.counted() > before {
		return &decodeError{coding, errFoundBeyondStream}
	}
	return nil
}
