package bodyformat

import (
	"bufio"
	"bytes"
	"mime/multipart"
	"net/textproto"
)

// An e-mail sent whole (message/rfc822: a forwarded mail, a part of a
// multipart/mixed report, an .eml upload) is read as a mail reader shows
// it: its header block as a multipart part's is (encoded words, file
// names), its body by its own Content-Type and transfer encoding, the way
// a part's is (quoted-printable and base64 decoded, then re-encoded when
// masked). An untyped body that opens with a mail's header block is read
// so too.

// messageHeader returns the header block at the start of b, with the
// offset where the body starts, or false when b does not open with one.
func messageHeader(b []byte) (textproto.MIMEHeader, int, bool) {
	end := -1
	for _, sep := range []string{"\r\n\r\n", "\n\n"} {
		if i := bytes.Index(b, []byte(sep)); i >= 0 && (end < 0 || i+len(sep) < end) {
			end = i + len(sep)
		}
	}
	if end < 0 {
		return nil, 0, false
	}
	h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(b[:end]))).ReadMIMEHeader()
	if err != nil || len(h) == 0 {
		return nil, 0, false
	}
	return h, end, true
}

// looksLikeMail reports whether an untyped body opens with the header
// block of a MIME message: one that names a transfer encoding or a MIME
// version, which only a mail's does.
func looksLikeMail(b []byte) bool {
	h, _, ok := messageHeader(b)
	return ok && (h.Get("Content-Transfer-Encoding") != "" || h.Get("Mime-Version") != "")
}

// message inspects a message/rfc822 body and returns it masked, or nil.
// One without a header block is text. nest counts the parts and messages
// around it; past maxPartNesting it is ErrMalformed.
func (in *inspector) message(b []byte, nest int) ([]byte, error) {
	if nest >= maxPartNesting {
		return nil, malformed("messages nested too deep", nil)
	}
	h, start, ok := messageHeader(b)
	if !ok {
		return in.text(b, 0), nil
	}
	out := splicer{src: b}
	if err := in.partHeader(&out, partSpan{hdr: 0, start: start, end: len(b)}); err != nil {
		return nil, err
	}
	body, err := in.part(&multipart.Part{Header: h}, b[start:], nest)
	if err != nil {
		return nil, err
	}
	if body != nil && in.mode == Redact {
		out.replace(start, len(b), body)
	}
	return out.result(), nil
}
