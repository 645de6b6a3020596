package bodyformat

import (
	"bytes"
	"cmp"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// An application that compresses its own messages (a WebSocket that
// cannot use permessage-deflate once the filter strips it, pako.deflate in
// a browser, zlib.compress on a server) sends a zlib stream (RFC 1950) or
// raw deflate (RFC 1951) where a gzip file would otherwise be: the
// receiver inflates it and reads the text. Such content is read like a
// gzip file (gzipped.go): inflated within the limits of a content coding,
// inspected as an untyped body, and, when redacted, compressed again in
// the same format.
//
// Recognition is conservative, since a zlib header is two bytes and raw
// deflate has none: what the stream's first sniffLen bytes inflate to is
// read first (deflateHead, at a fixed cost), and only raw deflate that
// inflates to text there is inflated whole; a zlib stream is inflated
// whole whatever it starts with, and one whose content is no text is
// read as a binary body (binaryContent, read-only). One that inflates
// cleanly is read; one cut short or corrupt (which a strict receiver
// refuses, and a streaming one shows up to the fault) is read up to the
// fault, as a whole one is: personal data there fails the body closed in
// Redact mode, and without any the bytes are passed as they came.
// Nothing is ever written back unless something was masked.

// The Result.Format of a body that is a zlib stream or raw deflate.
const (
	FormatZlib    = "zlib"
	FormatDeflate = "deflate"
)

// zlibFile reports whether b starts like a zlib stream: the header
// (deflate method, window, check bits) and room for a block and the
// checksum.
func zlibFile(b []byte) bool { return len(b) >= 7 && zlibHeader(b) }

// deflateStart reports whether b may start a raw deflate stream: its first
// block type is not the reserved one (RFC 1951, 3.2.3).
func deflateStart(b []byte) bool { return len(b) >= 2 && (b[0]>>1)&3 != 3 }

// compressedFile inspects b, content of media type mt, when it is a gzip
// file or a zlib stream, as gzipped and deflated do; raw deflate is read
// only in content that is no text (binaryFile), since any bytes might
// start it. What it holds is read with mt when mt names a binary format
// read by its structure (framedLabel: a gzip file labelled
// application/msgpack is MessagePack to its receiver), else as an
// untyped body.
func (in *inspector) compressedFile(b []byte, mt string, hint detect.CategorySet, nest int) (out []byte, format string, ok bool, err error) {
	label := framedLabel(mt)
	if out, ok, err := in.gzipped(b, label, hint, nest); ok {
		return out, FormatGzip, true, err // a gzip file, whatever its type says
	}
	if zlibFile(b) {
		return in.deflated(b, true, label, hint, nest)
	}
	return nil, "", false, nil
}

// CompressedFile reports whether head, a body's first bytes, starts a
// gzip file, a zlib stream, a zstd or an LZ4 frame: content Inspect
// decompresses and reads (compressedFile, whatever its type says; a zstd
// or LZ4 frame when untyped: binaryFile), which a reader of its bytes as they stream
// (BinaryScreen) cannot, so a proxy reads such a body whole. Raw
// deflate, which has no signature, is not told: a binary body to the
// screen (docs/threat-model.md).
func CompressedFile(head []byte) bool {
	return gzipFile(head) || zlibFile(head) || ZstdFile(head) || LZ4File(head)
}

// binaryFile inspects b, content that is not text by its type or its
// first bytes, when it is a zstd or LZ4 frame (frameContent), a zlib
// stream or raw deflate, and reports whether it was; content that is
// neither is passed as it is.
func (in *inspector) binaryFile(b []byte, hint detect.CategorySet, nest int) (out []byte, format string, ok bool, err error) {
	if ZstdFile(b) {
		return nil, FormatZstd, true, in.frameContent(b, "zstd", hint, nest)
	}
	if LZ4File(b) {
		return nil, FormatLZ4, true, in.frameContent(b, "lz4", hint, nest)
	}
	if zlibFile(b) {
		if out, format, ok, err := in.deflated(b, true, "", hint, nest); ok {
			return out, format, ok, err
		}
	}
	if deflateStart(b) {
		return in.deflated(b, false, "", hint, nest)
	}
	return nil, "", false, nil
}

// deflated inspects b as a zlib stream (zl) or raw deflate, and reports
// whether it was one: the redacted content compressed again in the same
// format, or nil when nothing changed. A zlib stream is inflated whole
// whatever its first bytes inflate to: under a label (a binary format's
// media type: framedLabel) read as a body of that type, else as an
// untyped body or, when no text, a binary body (binaryContent).
func (in *inspector) deflated(b []byte, zl bool, label string, hint detect.CategorySet, nest int) (out []byte, format string, ok bool, err error) {
	format, coding := FormatDeflate, "deflate"
	if zl {
		format = FormatZlib
	}
	if zl && b[1]&zlibFDICT != 0 {
		// a preset dictionary (RFC 1950 FDICT), which only the receiver holds
		need, err := needsDictionary(b[6:], 4, in.lim, in.meter)
		if err != nil || need {
			return nil, format, true, cmp.Or(err, malformed("a zlib stream that needs a preset dictionary", nil))
		}
		return nil, "", false, nil
	}
	head, err := deflateHead(b, zl, in.meter)
	if err != nil {
		return nil, "", true, err
	}
	readable := readableHead(head)
	if !readable && (!zl || len(head) == 0) {
		// raw deflate of no text where it starts: other bytes (any bytes
		// may start raw deflate). Raw deflate that would need a preset
		// dictionary is not guessed at: any few bytes inflate to text
		// with one (a residual the threat model lists)
		return nil, "", false, nil
	}
	// a zlib stream of other bytes (a MessagePack map, untyped) is
	// inflated too, and read as a binary body when it inflates cleanly
	// (attack pass 46, F2): its header and checksum say what it is
	if nest >= maxPartNesting {
		return nil, format, true, malformed("compressed files nested too deep", nil)
	}
	dec, rest, err := inflateMembers(b, zl, coding, in.lim, in.meter)
	if err == nil {
		// what follows the last member, which a receiver that does not
		// inflate reads: personal data there fails the body closed
		// by the body's label (attack pass 46, F12)
		if err := in.beyondStream(rest, label, nil, coding, nest+1); err != nil {
			return nil, format, true, err
		}
	}
	var de *decodeError
	if errors.As(err, &de) {
		// cut short or corrupt: read what a streaming receiver shows, by
		// the label or as a binary body as a whole stream is read
		// (attack pass 46, F11: a MessagePack map with its checksum cut)
		found, err := in.scanContent(dec, label, hint, nest+1)
		if err != nil {
			return nil, format, true, err
		}
		if !found {
			return nil, "", false, nil
		}
		if in.mode == Redact {
			return nil, format, true, malformed("personal data in a "+format+" stream that does not inflate cleanly", nil)
		}
		return nil, format, true, nil // counted
	}
	if err != nil {
		return nil, format, true, err
	}
	var red []byte
	if contentText(dec, label) {
		red, _, err = in.charsetBody(dec, label, nil, hint, nest+1)
	} else {
		red, err = in.binaryContent(dec, hint, nest+1)
	}
	if err != nil || red == nil || in.mode != Redact {
		return nil, format, true, err
	}
	out, err = in.recompress(red, format)
	return out, format, true, err
}

// framedLabel returns mt when it names a binary format read by its
// structure (binaryFraming: MessagePack, CBOR, BSON, protobuf, gRPC),
// which a compressed file of that type holds; else "" (read untyped).
func framedLabel(mt string) string {
	if binaryFraming(mt) {
		return mt
	}
	return ""
}

// deflateHead returns what the first bytes of b inflate to as a zlib
// stream (zl) or raw deflate: at most sniffLen bytes, fewer when the
// stream ends or breaks first. It reads at most what those bytes take,
// and charges a decoder and sniffLen bytes to m.
func deflateHead(b []byte, zl bool, m *meter) ([]byte, error) {
	head, _, err := inflateHead(b, zl, m)
	return head, err
}

// inflateHead is deflateHead that also reports whether b ran out (the
// decoder wanted more input) before sniffLen bytes came out: what the
// stream's longer input would inflate to is then unknown, where a fault
// or the stream's end says it all.
func inflateHead(b []byte, zl bool, m *meter) (head []byte, ranOut bool, err error) {
	if err := m.reserve(flateCost + sniffLen); err != nil {
		return nil, false, err
	}
	r, closer, err := openDecoder(bytes.NewReader(b), "deflate", b, !zl)
	if err != nil {
		return nil, false, nil // not a stream of that format
	}
	if closer != nil {
		defer closer()
	}
	head = make([]byte, sniffLen)
	n := 0
	for stalls := 0; n < len(head) && stalls <= maxStalls; stalls++ {
		k, err := r.Read(head[n:])
		n += k
		countReadingSteps(k + 1)
		if k > 0 {
			stalls = 0
		}
		if err != nil {
			ranOut = errors.Is(err, io.ErrUnexpectedEOF)
			break
		}
	}
	return head[:n], ranOut, nil
}

// textHead reports whether the start of inflated content is text: the
// standard sniffer calls it text (no control bytes but white space and
// escape), which deflate of other bytes almost never yields.
func textHead(head []byte) bool {
	return len(head) > 0 && strings.HasPrefix(http.DetectContentType(head), "text/")
}

// inflate decodes all of b as a zlib stream (zl) or raw deflate within
// the limits of a content coding (decodeChain); on a corrupt or cut stream
// it returns, with the error, what was decoded before the fault.
func inflate(b []byte, zl bool, coding string, lim Limits, m *meter) ([]byte, error) {
	out, _, err := decodeChain(b, []string{coding}, decodedBound(int64(len(b)), lim), lim, m, !zl)
	return out, err // (what follows the stream: PDF streams end in a line break)
}

// deflateWriterCost is what a compressor (its window and hash chains) is
// charged when a redacted file is compressed again.
const deflateWriterCost = 1 << 20

// recompress compresses red again as format (FormatGzip, FormatZlib or
// FormatDeflate), charging the compressor and the output to the meter.
func (in *inspector) recompress(red []byte, format string) ([]byte, error) {
	if err := in.meter.reserve(deflateWriterCost + int64(len(red))); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	var w io.WriteCloser
	switch format {
	case FormatZlib:
		w = zlib.NewWriter(&buf)
	case FormatDeflate:
		w, _ = flate.NewWriter(&buf, flate.DefaultCompression) // the level is valid
	default:
		w = newGzipWriter(&buf)
	}
	w.Write(red) // a bytes.Buffer takes every write
	w.Close()
	return buf.Bytes(), nil
}
