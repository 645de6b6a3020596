package bodyformat

import (
	"compress/gzip"
	"io"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A gzip file carries text as well as a Content-Encoding does: an upload
// of export.csv.gz, a part of a form, a body sent as
// application/octet-stream. Whoever receives it gunzips it and reads the
// text. Content that is a gzip file (by its magic bytes, whatever its type
// says) is decoded within the limits of a content coding, inspected as an
// untyped body, and, when redacted, compressed again. One that does not
// decode is uninspectable; one whose content is not text (a tarball, a
// MessagePack map) is read as a binary body is (binaryContent:
// read-only, refused in Redact mode when it holds personal data).

// FormatGzip is Result.Format for a body that is a gzip file.
const FormatGzip = "gzip"

// gzipFile reports whether b starts like a gzip file: the magic bytes
// and the deflate method (RFC 1952), and room for a header and trailer.
func gzipFile(b []byte) bool {
	return len(b) >= 18 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8
}

// gzipped inspects b when it is a gzip file and reports whether it was:
// the redacted file compressed again, or nil when nothing changed. Under
// a label (a binary format's media type: framedLabel) its content is
// read as a body of that type whatever its first bytes.
func (in *inspector) gzipped(b []byte, label string, hint detect.CategorySet, nest int) (out []byte, ok bool, err error) {
	if !gzipFile(b) {
		return nil, false, nil
	}
	if nest >= maxPartNesting {
		return nil, true, malformed("gzip files nested too deep", nil)
	}
	dec, rest, err := decode(b, "gzip", in.lim, in.meter)
	if err == nil {
		// what follows the last member, read by the body's label as a
		// receiver that does not gunzip reads it (attack pass 46, F12)
		err = in.beyondStream(rest, label, nil, "gzip", nest+1)
	}
	if err != nil {
		return nil, true, err
	}
	var red []byte
	if contentText(dec, label) {
		red, _, err = in.charsetBody(dec, label, nil, hint, nest+1)
	} else {
		red, err = in.binaryContent(dec, hint, nest+1) // attack pass 46, F2
	}
	if err != nil || red == nil || in.mode != Redact {
		return nil, true, err
	}
	out, err = in.recompress(red, FormatGzip)
	return out, true, err
}

// newGzipWriter returns a gzip compressor writing to w.
func newGzipWriter(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }
