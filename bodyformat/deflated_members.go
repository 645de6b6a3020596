package bodyformat

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"io"
)

// A zlib stream or raw deflate may be followed by another (a sender that
// compresses each message and writes them one after another); a receiver
// that inflates on past the end of one, as gzip readers do with gzip
// members, reads them all. Every member is read: bytes after a stream
// that start another one in the same format are inflated as it, with the
// same decoder reset, to at most Limits.MaxParts members. Bytes that start
// none are read as text (deflated, beyondStream): a receiver that does not
// inflate reads them (attack pass 34, F6).

// membersReader reads the members of a zlib stream or raw deflate, one
// after another, from src.
type membersReader struct {
	b    []byte        // all of the body
	src  *bytes.Reader // what is left of it
	dec  io.Reader     // the decoder of the current member
	zl   bool
	left int // members still allowed
}

// Read reads the current member, and opens the next one at its end.
func (r *membersReader) Read(p []byte) (int, error) {
	for {
		n, err := r.dec.Read(p)
		if err != io.EOF {
			return n, err
		}
		if n > 0 {
			return n, nil // the end of the member comes again on the next read
		}
		next := r.b[len(r.b)-r.src.Len():]
		countReadingSteps(1)
		if !r.memberStart(next) {
			return 0, io.EOF // the end, or bytes that start no stream
		}
		if r.left--; r.left < 0 {
			return 0, tooLarge("compressed members", int64(len(r.b)))
		}
		if r.zl {
			if err := r.dec.(zlib.Resetter).Reset(r.src, nil); err != nil {
				return 0, err
			}
		} else if err := r.dec.(flate.Resetter).Reset(r.src, nil); err != nil {
			return 0, err
		}
	}
}

// memberStart reports whether b starts another member.
func (r *membersReader) memberStart(b []byte) bool {
	if r.zl {
		return zlibFile(b) && b[1]&zlibFDICT == 0
	}
	return deflateStart(b)
}

// zlibFDICT is the flag of a zlib header that says a preset dictionary
// is needed (RFC 1950, 2.2).
const zlibFDICT = 0x20

// inflateMembers decodes every member of b, a zlib stream (zl) or raw
// deflate, within the limits of a content coding, as inflate does one,
// and returns rest, the bytes after the last member that start no other.
func inflateMembers(b []byte, zl bool, coding string, lim Limits, m *meter) (out, rest []byte, err error) {
	bound := decodedBound(int64(len(b)), lim)
	if err := m.reserve(flateCost); err != nil {
		return nil, nil, err
	}
	src := bytes.NewReader(b) // a ByteReader: the decoders read no further than their stream
	r := &membersReader{b: b, src: src, zl: zl, left: lim.MaxParts}
	if zl {
		zr, err := zlib.NewReader(src)
		if err != nil {
			return nil, nil, &decodeError{coding, err}
		}
		r.dec = zr
	} else {
		r.dec = flate.NewReader(src)
	}
	out, err = readDecoded(&codingReader{r: r, coding: coding, left: bound, bound: bound}, coding, int64(len(b)), bound, m)
	if err == nil && src.Len() > 0 {
		rest = b[len(b)-src.Len():]
	}
	return out, rest, err
}

// dictSpaces is the preset dictionary a stream that needs one is inflated
// with here: what it copies from the real one comes out as spaces.
var dictSpaces = bytes.Repeat([]byte(" "), 32<<10)

// needsDictionary reports whether data, raw deflate (after a zlib
// header that asks for a dictionary, or one that breaks without one),
// inflates with a preset dictionary cleanly to its last tail bytes (a
// zlib stream's checksum: 4), which other bytes seldom do, and to
// readable content: its receiver, who holds the dictionary, reads it, and
// this reading cannot.
func needsDictionary(data []byte, tail int, lim Limits, m *meter) (bool, error) {
	bound := decodedBound(int64(len(data)), lim)
	if err := m.reserve(flateCost + int64(len(dictSpaces))); err != nil {
		return false, err
	}
	src := bytes.NewReader(data)
	fr := flate.NewReaderDict(src, dictSpaces)
	dec, err := readDecoded(&codingReader{r: fr, coding: "deflate", left: bound, bound: bound}, "deflate", int64(len(data)), bound, m)
	if err != nil || src.Len() != tail {
		return false, nil
	}
	return readableHead(dec[:min(len(dec), sniffLen)]), nil
}

// readableHead reports whether inflated content starts as what is read:
// text (textHead), a gzip file, or UTF-16 text (sniffed by its NUL bytes).
func readableHead(head []byte) bool {
	return textHead(head) || gzipFile(head) || bytes.IndexByte(head, 0) >= 0 && sniffText(head)
}
