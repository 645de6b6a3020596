package bodyformat

import "bytes"

// Raw deflate has no signature: Inspect reads an untyped body as raw
// deflate when what the stream's first sniffLen output bytes are is text
// (deflated: readableHead), inflating the whole body for them. A proxy
// that holds only a body's first sniffLen input bytes asks the same of
// them here, so that every body Inspect would inflate and read is read
// whole rather than sent through the binary screen (attack53a F1: a
// stored first block, or a short stream with bytes after its end, was
// inflated by Inspect and screened raw by the proxy).

// headPrefixUnknown is how few inflated bytes a head that ran out of
// input may hold and still be taken for a start of text: too few for the
// sniffers to tell (a gzip header needs 18, a UTF-16 pattern a few
// more), so more of the stream decides, which only Inspect reads.
const headPrefixUnknown = 64

// DeflatedHead reports whether head, the first bytes of a body that is
// no text and no CompressedFile, may inflate as raw deflate to text the
// way Inspect reads it (binaryFile: the first sniffLen inflated bytes are
// text), which a reader of its bytes as they stream (BinaryScreen)
// cannot tell, so a proxy reads such a body whole when it fits. It says
// yes when what head inflates to is text (up to a fault, the stream's
// end, or sniffLen bytes), or when head runs out of input with too few
// inflated bytes to tell (empty stored blocks, a stored block split at
// the head's end). One random head in nine says yes (a few bytes of text
// before a fault); DeflatedText is the strict test. The decoder (a fixed
// cost) is not charged.
func DeflatedHead(head []byte) bool {
	if !deflateStart(head) {
		return false
	}
	out, ranOut, err := inflateHead(head, false, newMeter(Limits{}))
	if err != nil {
		return false
	}
	return readableHead(out) || ranOut && len(out) < headPrefixUnknown
}

// DeflatedText reports whether the whole of head inflates as raw deflate
// to sniffLen bytes of text (a head shorter than sniffLen, the whole
// body, to less): the strict form of DeflatedHead, which random bytes
// almost never pass (measured on sniffLen-byte heads: 4 in 200,000 random
// ones and 2 in 104,454 windows of binary files). A proxy takes a body
// past its size limit for raw deflate only on this test, so random
// uploads are not refused as oversize. The decoder is not charged.
func DeflatedText(head []byte) bool {
	if !deflateStart(head) {
		return false
	}
	out, err := deflateHead(head, false, newMeter(Limits{}))
	return err == nil && (len(out) == sniffLen || len(head) < sniffLen) && readableHead(out)
}

// wideDeflate reports whether b, untyped content whose head sniffs as
// text only by its NULs (UTF-16 and the other NUL patterns sniffText
// reads), is raw deflate whose head inflates to text: a stored first
// block (a NUL, its length and the length's complement, then the text as
// it is) sniffs as UTF-16 (attack53a F1). A receiver that inflates it
// reads the inflated text, so Inspect does (binaryFile); only a stored
// first block is asked for (storedStart): UTF-16 text almost never
// starts one (its second and fourth bytes would have to be each other's
// complement, and so its third and fifth).
// The decoder and sniffLen bytes are charged to m.
func wideDeflate(b []byte, m *meter) bool {
	head := b[:min(len(b), sniffLen)]
	if bytes.IndexByte(head, 0) < 0 || textHead(head) || !storedStart(b) {
		return false
	}
	out, err := deflateHead(b, false, m)
	return err == nil && readableHead(out)
}

// storedStart reports whether b starts raw deflate with a stored block
// (BTYPE 00) whose length and its complement agree (RFC 1951, 3.2.4):
// the one block whose header sniffs as UTF-16, a NUL then its length.
// A block of another type is not asked for: UTF-16 text starts fixed and
// dynamic Huffman blocks that inflate to text (attack53a F1 is a stored
// block only).
func storedStart(b []byte) bool {
	return len(b) >= 5 && (b[0]>>1)&3 == 0 && b[1] == ^b[3] && b[2] == ^b[4]
}
