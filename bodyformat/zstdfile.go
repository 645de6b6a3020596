package bodyformat

import (
	"encoding/binary"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// FormatZstd is the Format of a zstd frame read with no Content-Encoding
// (frameContent).
const FormatZstd = "zstd"

// maxSkippableFrames is how many zstd skippable frames zstdFile passes
// over before it takes what follows for zstd without looking further.
const maxSkippableFrames = 4

// ZstdFile reports whether b, a body or its first bytes, starts a zstd
// frame by its magic number (28 B5 2F FD), after at most
// maxSkippableFrames skippable frames (magic 50 2A 4D 18 to 5F 2A 4D 18,
// a 4-byte little-endian length, that many bytes), which zstd -d and
// every zstd decoder pass over: content a receiver that sniffs it
// decompresses, sent untyped with no Content-Encoding (issue #9,
// fix49frames finding 4; attack pass 49a, F6: a skippable frame before
// the frame hid it). Bytes that start with a skippable frame and end
// within it, or hold more of them than counted, are taken for zstd
// (fail closed: read whole and decompressed, a body that does not
// decompress is ErrEncoding); only another magic after them (an LZ4
// frame's) is not.
func ZstdFile(b []byte) bool {
	rest, known := pastSkippable(b)
	return !known || zstdFrame(rest)
}

// frameFile reports whether b starts a zstd or an LZ4 frame by its magic
// number (ZstdFile, LZ4File): no text does, and one whose bytes are all
// valid UTF-8 (an LZ4 frame's literals are the text it holds, its magic
// 04 22 4D 18 is ASCII) is decompressed, not read as text.
func frameFile(b []byte) bool { return ZstdFile(b) || LZ4File(b) }

// pastSkippable returns what follows the skippable frames b starts with
// (magic 50 2A 4D 18 to 5F 2A 4D 18, a 4-byte little-endian length, that
// many bytes: zstd's and LZ4's, which their decoders pass over), at most
// maxSkippableFrames of them; known is false when b ends within or at
// the end of one, or holds more of them than counted (what follows is
// not known).
func pastSkippable(b []byte) (rest []byte, known bool) {
	for range maxSkippableFrames {
		if !zstdSkippable(b) {
			return b, true
		}
		if len(b) < 8 {
			return nil, false
		}
		n := uint64(binary.LittleEndian.Uint32(b[4:]))
		if n+8 >= uint64(len(b)) {
			return nil, false // b ends within or at the end of the frame
		}
		b = b[8+n:]
	}
	return b, !zstdSkippable(b)
}

// zstdFrame reports whether b starts with a zstd frame's magic number
// (28 B5 2F FD).
func zstdFrame(b []byte) bool {
	return len(b) >= 4 && binary.LittleEndian.Uint32(b) == 0xfd2fb528
}

// zstdSkippable reports whether b starts with a zstd skippable frame's
// magic number (0x184D2A50 to 0x184D2A5F, little-endian).
func zstdSkippable(b []byte) bool {
	return len(b) >= 4 && binary.LittleEndian.Uint32(b)&^0xf == 0x184d2a50
}

// frameContent reads b, a zstd frame or an LZ4 frame (coding "zstd" or
// "lz4") with no Content-Encoding, as the same bytes decompressed
// (decodeFile, under the inspection's limits), and its content as a gzip
// file's is read (scanContent), read-only: no zstd or LZ4 is written
// back, so in Redact mode a finding refuses the body (errBinaryText). A
// frame that does not decompress is ErrEncoding. A body that starts with
// skippable frames, whose bytes a decoder skips and a reader of the raw
// bytes reads, is read raw too, as a binary body (binaryWhole).
func (in *inspector) frameContent(b []byte, coding string, hint detect.CategorySet, nest int) error {
	if nest >= maxPartNesting {
		return malformed(coding+" frames nested too deep", nil)
	}
	dec, err := decodeFile(b, coding, in.lim, in.meter)
	if err != nil {
		return err
	}
	before := in.counted()
	if _, err := in.scanContent(dec, "", hint, nest+1); err != nil {
		return err
	}
	if zstdSkippable(b) {
		mode := in.mode
		in.mode = Scan
		err := in.binaryWhole(b)
		in.mode = mode
		if err != nil {
			return err
		}
	}
	if in.mode == Redact && in.counted() > before {
		return errBinaryText
	}
	return nil
}
