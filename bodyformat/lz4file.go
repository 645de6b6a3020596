package bodyformat

import (
	"bytes"
	"encoding/binary"
)

// FormatLZ4 is the Format of an LZ4 frame read with no Content-Encoding
// (frameContent). LZ4 is no HTTP content coding: a file compressed with
// lz4 (an export, a log archive, a message an application packed
// itself) is told by its magic number and read as zstd frames are.
const FormatLZ4 = "lz4"

// lz4Magic and lz4LegacyMagic open an LZ4 frame (04 22 4D 18) and a
// legacy one (02 21 4C 18, lz4 -l, the Linux kernel's).
var (
	lz4Magic       = []byte{0x04, 0x22, 0x4d, 0x18}
	lz4LegacyMagic = []byte{0x02, 0x21, 0x4c, 0x18}
)

// LZ4File reports whether b, a body or its first bytes, starts an LZ4
// frame or a legacy LZ4 frame by its magic number, after at most
// maxSkippableFrames skippable frames (which lz4 -d passes over, as zstd
// does): content a receiver that sniffs it decompresses, sent untyped
// with no Content-Encoding. Bytes that end within skippable frames are
// ZstdFile's (fail closed: read whole).
func LZ4File(b []byte) bool {
	rest, known := pastSkippable(b)
	return known && (bytes.HasPrefix(rest, lz4Magic) || bytes.HasPrefix(rest, lz4LegacyMagic))
}

// lz4LegacyRun is the legacy magic eight times over. The decoder reads a
// legacy magic where a block's length stands as a new frame by calling
// itself, one call deeper per magic: a body of nothing else (4 MiB of
// them took 256 MiB of stack) is refused before it is decoded
// (lz4Guard); no lz4 writer puts two in a row.
var lz4LegacyRun = bytes.Repeat(lz4LegacyMagic, 8)

// lz4Guard reports whether b, an LZ4 file, may be given to the decoder:
// no run of legacy magic numbers (lz4LegacyRun) in it.
func lz4Guard(b []byte) bool { return !bytes.Contains(b, lz4LegacyRun) }

// The buffers of the LZ4 decoder: a block of the largest size a frame
// may announce (4 MiB) and a legacy block (8 MiB, its compressed form a
// little more).
const (
	lz4MaxBlock    = 4 << 20
	lz4LegacyBlock = 8<<20 + 8<<20/255 + 16
)

// lz4Cost is what an LZ4 decoder reading b is charged: for the largest
// blocks a frame magic anywhere in b announces (the frames of a file
// follow one another, so every one is found, and bytes that only look
// like one are charged too), what a frame of them holds (lz4FrameCost),
// and the decoder's tables.
func lz4Cost(b []byte) int64 {
	cost := int64(0)
	if bytes.Contains(b, lz4LegacyMagic) {
		cost = 4 * lz4LegacyBlock // blocks that depend on the ones before
	}
	for i := 0; ; {
		k := bytes.Index(b[i:], lz4Magic)
		if k < 0 {
			break
		}
		i += k + len(lz4Magic)
		cost = max(cost, lz4FrameCost(b[i:]))
	}
	return cost + decoderTables
}

// lz4FrameCost is what the decoder holds for a frame whose descriptor
// starts desc: the uncompressed block and the compressed one (the
// library's pools), and a window as large again when its blocks depend
// on the ones before (it keeps what they decoded). A descriptor cut
// short is charged as the largest.
func lz4FrameCost(desc []byte) int64 {
	if len(desc) < 2 {
		return 4 * lz4MaxBlock
	}
	size := int64(64 << 10)
	if idx := desc[1] >> 4 & 7; idx > 4 {
		size <<= 2 * (idx - 4) // 256 KiB, 1 MiB, 4 MiB
	}
	if binary.LittleEndian.Uint16(desc)&0x20 == 0 {
		return 4 * size // blocks linked
	}
	return 2 * size
}
