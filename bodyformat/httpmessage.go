package bodyformat

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// An HTTP message carried as a body (message/http, RFC 9112 10.1; or an
// application/http part of a multipart/mixed batch, as batch APIs answer
// and OData and Google's APIs send) is read as its receiver reads it: the
// start line and header block as text (a request line's query too), and
// the body as an outer body is, by its own headers: chunked framing
// removed, its Content-Encoding decoded within the limits of a content
// coding (an unknown or broken coding is uninspectable), read by its own
// Content-Type (none: untyped, sniffed), and, when masked, encoded again
// with the same codings (sent as one chunk when it came chunked) and its
// Content-Length set to the new length. Messages one after another
// (application/http may pipeline several) are each read so.

// FormatHTTPMessage is Result.Format for a body that is an HTTP message.
const FormatHTTPMessage = "http-message"

// httpMessageType reports a media type of an HTTP message.
func httpMessageType(mt string) bool { return mt == "message/http" || mt == "application/http" }

// httpStartLine reports whether line (without its line break) is the
// start line of an HTTP/1 message: a status line or a request line.
func httpStartLine(line []byte) bool {
	if bytes.HasPrefix(line, []byte("HTTP/")) {
		return true
	}
	_, rest, ok := bytes.Cut(line, []byte(" "))
	return ok && bytes.Contains(rest, []byte(" HTTP/"))
}

// httpMessages inspects b, one or more HTTP messages, and returns it
// masked, or nil when nothing changed. Each turn of the loop reads one
// message and moves past it, so the bytes are read once.
func (in *inspector) httpMessages(b []byte, nest int) ([]byte, error) {
	if nest >= maxPartNesting {
		return nil, malformed("messages nested too deep", nil)
	}
	out := splicer{src: b}
	for at := 0; at < len(b); {
		countReadingSteps(1)
		rest := bytes.TrimLeft(b[at:], "\r\n")
		at = len(b) - len(rest)
		line, _, _ := bytes.Cut(rest, []byte("\n"))
		countReadingSteps(len(line))
		if !httpStartLine(bytes.TrimSuffix(line, []byte("\r"))) {
			in.textSpan(&out, at, len(b)) // not a message: text
			break
		}
		if at > 0 {
			// a pipelined message is a part: the body's first was counted
			// as one where it is a part of a batch
			if in.parts++; in.parts > in.lim.MaxParts {
				return nil, malformed(fmt.Sprintf("more than %d pipelined HTTP messages and parts", in.lim.MaxParts), nil)
			}
		}
		mk := in.meter.mark()
		n, repl, err := in.httpMessage(rest, nest)
		if err != nil {
			return nil, err
		}
		if repl != nil && in.mode == Redact {
			out.replace(at, at+n, repl)
		} else {
			repl = nil
		}
		// what the message charged (its decoders, its decoded body) is
		// dropped now; only its replacement stays held
		in.meter.giveBack(mk, int64(len(repl)))
		at += n
	}
	return out.result(), nil
}

// httpMessage inspects the HTTP message at the start of b, and returns how
// many bytes of b it takes and its replacement, or nil when nothing
// changed.
func (in *inspector) httpMessage(b []byte, nest int) (int, []byte, error) {
	lineEnd := bytes.IndexByte(b, '\n') + 1
	h, hdrLen, ok, err := httpHeader(b[lineEnd:])
	if err != nil {
		return 0, nil, err
	}
	if !ok {
		// a start line and headers without a body, or no header block
		hdr := splicer{src: b}
		in.textSpan(&hdr, 0, len(b))
		return len(b), hdr.result(), nil
	}
	start := lineEnd + hdrLen
	for _, k := range []string{"Content-Length", "Content-Type", "Transfer-Encoding"} {
		if len(h.Values(k)) > 1 {
			return 0, nil, malformed("an HTTP message with more than one "+k+" header", nil)
		}
	}
	ce, err := contentEncodingLines(h.Values("Content-Encoding"))
	if err != nil {
		return 0, nil, err
	}
	te, hasTE := h.Get("Transfer-Encoding"), len(h.Values("Transfer-Encoding")) > 0
	chunked := strings.EqualFold(strings.TrimSpace(te), "chunked")
	if hasTE && !chunked {
		// gzip, chunked / identity, chunked / chunked, chunked: Go's
		// reader refuses them, others decode them each their own way
		return 0, nil, malformed("an HTTP message with a Transfer-Encoding other than chunked", nil)
	}
	end := len(b)
	cl, hasCL := int64(-1), h.Get("Content-Length") != ""
	if !hasCL && !chunked && !bytes.HasPrefix(b, []byte("HTTP/")) {
		// a request without framing has no body (RFC 9112 6.3): what
		// follows is the next message
		end = start
	}
	if hasCL && !chunked {
		v, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
		if err != nil || v < 0 {
			return 0, nil, malformed("an HTTP message with a bad Content-Length", nil)
		}
		cl = v
		end = start + int(min(v, int64(len(b)-start)))
	}
	raw := b[start:end]
	if chunked {
		var err error
		var trailer int
		if raw, trailer, end, err = dechunk(b, start, in.lim, in.meter); err != nil {
			return 0, nil, err
		}
		if len(in.find(b[trailer:end], 0)) > 0 && in.mode == Redact {
			// trailer fields are not written back: they cannot be masked
			return 0, nil, malformed("personal data in the trailer of an HTTP message", nil)
		}
		if in.chunkExtensions(b[start:trailer]) && in.mode == Redact {
			return 0, nil, malformed("personal data in a chunk extension of an HTTP message", nil)
		}
	}
	dec, rest, err := decode(raw, ce, in.lim, in.meter)
	if err == nil {
		mt, params := mediaType(h.Get("Content-Type"))
		err = in.beyondCoding(raw, rest, ce, mt, params, nest+1)
	}
	if err != nil {
		return 0, nil, err
	}
	hdrOut := splicer{src: b[:start]}
	if err := in.partHeader(&hdrOut, partSpan{hdr: 0, start: start, end: start}); err != nil {
		return 0, nil, err
	}
	ph := textproto.MIMEHeader{}
	ph.Set("Content-Type", h.Get("Content-Type"))
	if ph.Get("Content-Type") == "" {
		ph.Set("Content-Type", "application/octet-stream") // untyped: sniffed
	}
	body, err := in.part(&multipart.Part{Header: ph}, dec, nest)
	if err != nil {
		return 0, nil, err
	}
	head := hdrOut.result()
	if in.mode != Redact || body == nil && head == nil {
		return end, nil, nil
	}
	if head == nil {
		head = b[:start]
	}
	if body == nil {
		return end, append(append([]byte{}, head...), b[start:end]...), nil
	}
	if body, err = in.encodeCodings(body, ce, raw); err != nil {
		return 0, nil, err
	}
	if hasCL && !chunked && cl != int64(len(body)) {
		head = setContentLength(head, len(body))
	}
	if err := in.meter.reserve(int64(len(head) + len(body) + 32)); err != nil {
		return 0, nil, err
	}
	out := append(append([]byte{}, head...), frameBody(body, chunked)...)
	return end, out, nil
}

// dechunk removes the chunked framing of the body that starts at b[start:]
// and returns the body, where its trailer section starts and where the
// message ends (after the trailer section), charging the body and the
// reader's buffer to m. A framing that does not parse is uninspectable.
func dechunk(b []byte, start int, lim Limits, m *meter) ([]byte, int, int, error) {
	r := bytes.NewReader(b[start:])
	// the chunked reader's own buffer, so that what it holds is known, and
	// small, so that it reads little ahead of a short message (a chunk
	// line longer than it does not parse)
	br := bufio.NewReaderSize(r, 512)
	body, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(br), lim.MaxDecoded+1))
	if err != nil || int64(len(body)) > lim.MaxDecoded {
		return nil, 0, 0, malformed("an HTTP message whose chunked body does not parse", nil)
	}
	// charged as read: no more than the message's own bytes (twice, as
	// the copy grew), which are not known before
	if err := m.reserve(2*int64(cap(body)) + 512); err != nil {
		return nil, 0, 0, err
	}
	trailer := len(b) - r.Len() - br.Buffered()
	// the trailer section, to the empty line that ends the message (CRLF
	// or a bare LF, as Go's reader takes either), or to the end
	end := len(b)
	for at := trailer; at < len(b); {
		i := bytes.IndexByte(b[at:], '\n')
		if i < 0 {
			countReadingSteps(len(b) - at)
			break
		}
		countReadingSteps(i + 1)
		if len(bytes.TrimSpace(b[at:at+i])) == 0 {
			end = at + i + 1
			break
		}
		at += i + 1
	}
	return body, trailer, end, nil
}

// frameBody returns body as it goes in the message: as it is, or as one
// chunk and the last chunk when the message was chunked (its trailer
// fields, read before, are not kept).
func frameBody(body []byte, chunked bool) []byte {
	if !chunked {
		return body
	}
	out := strconv.AppendInt(nil, int64(len(body)), 16)
	out = append(out, "\r\n"...)
	out = append(out, body...)
	return append(out, "\r\n0\r\n\r\n"...)
}

// setContentLength returns a header block with the value of its
// Content-Length field set to n.
func setContentLength(head []byte, n int) []byte {
	lower := asciiLower(head)
	for at := 0; at < len(head); {
		i := bytes.Index(lower[at:], []byte("content-length:"))
		if i < 0 {
			break
		}
		i += at
		at = i + len("content-length:")
		if i > 0 && head[i-1] != '\n' {
			continue
		}
		v := at
		for v < len(head) && (head[v] == ' ' || head[v] == '\t') {
			v++
		}
		e := v
		for e < len(head) && head[e] >= '0' && head[e] <= '9' {
			e++
		}
		out := append(append([]byte{}, head[:v]...), strconv.Itoa(n)...)
		return append(out, head[e:]...)
	}
	return head
}

// encodeCodings applies the content codings of contentEncoding to b, in
// the order they were applied; orig is the encoded body they came from
// (deflate is written as zlib or raw as it came). The compressors are
// charged to the meter.
func (in *inspector) encodeCodings(b []byte, contentEncoding string, orig []byte) ([]byte, error) {
	for _, c := range codings(contentEncoding) {
		format := ""
		switch c {
		case "gzip", "x-gzip":
			format = FormatGzip
		case "deflate":
			format = FormatZlib
			if !zlibHeader(orig) {
				format = FormatDeflate
			}
		case "br", "zstd":
			if err := in.meter.reserve(encoderCost + int64(len(b))); err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			var w io.WriteCloser
			if c == "br" {
				w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: 5, LGWin: 18})
			} else {
				w, _ = zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<18)) // valid options
			}
			w.Write(b) // a bytes.Buffer takes every write
			w.Close()
			b = buf.Bytes()
			continue
		default:
			return nil, &decodeError{coding: c}
		}
		var err error
		if b, err = in.recompress(b, format); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// encoderCost is what a brotli or zstd compressor with a 256 KiB window is
// charged.
const encoderCost = 4 << 20

// httpHeader returns the header block at the start of b, to the first
// empty line, with the offset where the body starts, or false when there
// is none; a block Go's reader refuses is ErrMalformed. It looks at each
// byte of the block once, and no further.
func httpHeader(b []byte) (textproto.MIMEHeader, int, bool, error) {
	end := -1
	for at := 0; at < len(b); {
		i := bytes.IndexByte(b[at:], '\n')
		if i < 0 {
			countReadingSteps(len(b) - at)
			break
		}
		countReadingSteps(i + 1)
		if line := b[at : at+i]; len(line) == 0 || len(line) == 1 && line[0] == '\r' {
			end = at + i + 1
			break
		}
		at += i + 1
	}
	if end < 0 {
		return nil, 0, false, nil
	}
	if end <= 2 {
		return textproto.MIMEHeader{}, end, true, nil // no fields
	}
	h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(b[:end]))).ReadMIMEHeader()
	if err != nil {
		// a field name Go refuses ("X-Trace(id)") a lenient receiver
		// takes, and the body after it: how to read it is not known
		return nil, 0, false, malformed("an HTTP message whose header block does not parse", err)
	}
	return h, end, true, nil
}
