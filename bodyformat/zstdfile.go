package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// FormatZstd is the Format of a zstd frame read with no Content-Encoding
// (zstdContent).
const FormatZstd = "zstd"

// zstdFile reports whether b starts a zstd frame by its magic number
// (28 B5 2F FD): content a receiver that sniffs it decompresses, sent
// untyped with no Content-Encoding (issue #9, fix49frames finding 4).
func zstdFile(b []byte) bool {
	return len(b) >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd
}

// zstdContent reads b, a zstd frame with no Content-Encoding, as the
// same bytes decompressed (decode, under the inspection's limits), and
// its content as a gzip file's is read (scanContent), read-only: no zstd
// is written back, so in Redact mode a finding refuses the body
// (errBinaryText). A frame that does not decompress is ErrEncoding.
func (in *inspector) zstdContent(b []byte, hint detect.CategorySet, nest int) error {
	if nest >= maxPartNesting {
		return malformed("zstd frames nested too deep", nil)
	}
	dec, _, err := decode(b, "zstd", in.lim, in.meter)
	if err != nil {
		return err
	}
	before := in.counted()
	if _, err := in.scanContent(dec, "", hint, nest+1); err != nil {
		return err
	}
	if in.mode == Redact && in.counted() > before {
		return errBinaryText
	}
	return nil
}
