package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// What a gzip file or a zlib stream holds is read as the same bytes
// uncompressed are (attack pass 46, F2, F11): text, or content of a
// binary format's label, as a body of that type (charsetBody); other
// bytes (a MessagePack map sent untyped) as a binary body whole
// (binaryWhole: its runs of text, read-only, so that in Redact mode a
// finding refuses the body), after any compressed stream inside it.

// binaryContent reads b, what a compressed file holds that is no text
// and carries no label, as a binary body: a zlib stream or raw deflate
// in it (binaryFile) read and, when redacted, returned; else b whole,
// read-only (binaryWhole: in Redact mode a finding is errBinaryText).
func (in *inspector) binaryContent(b []byte, hint detect.CategorySet, nest int) ([]byte, error) {
	if out, _, ok, err := in.binaryFile(b, hint, nest); ok {
		return out, err
	}
	return nil, in.binaryWhole(b)
}

// contentText reports whether dec, a compressed file's content under
// label, is read as a body of its type (charsetBody) rather than as a
// binary body (binaryContent): it has a label, or it is text, a gzip
// file or a PDF by its first bytes.
func contentText(dec []byte, label string) bool {
	return label != "" || sniffText(dec) || gzipFile(dec) || pdfFile(dec)
}

// scanContent reads dec, a compressed file's content under label, in
// Scan mode whatever the inspection's mode (what it finds counts; nothing
// is masked), as gzipped and deflated read it, and reports whether it
// found anything: a stream that does not inflate cleanly is read so up
// to its fault.
func (in *inspector) scanContent(dec []byte, label string, hint detect.CategorySet, nest int) (bool, error) {
	mode, before := in.mode, in.counted()
	in.mode = Scan
	var err error
	if contentText(dec, label) {
		_, _, err = in.charsetBody(dec, label, nil, hint, nest)
	} else {
		_, err = in.binaryContent(dec, hint, nest)
	}
	in.mode = mode
	return in.counted() > before, err
}
