package bodyformat

import (
	"bytes"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// WHATWG's GBK decoder is its gb18030 decoder: a browser reads a body
// labelled gbk, x-gbk or cp936 with four-byte codes, one character (or
// one U+FFFD) for four bytes. golang.org/x/text's GBK reads the lead byte
// of such a code as an error and the digit after it as a digit, so
// 84 31 A4 37 (U+FFFD) glued to a full-width mobile showed two digits
// the browser does not, and the mobile hid behind them. webGBK reads
// every GBK label through webGB18030's decoder, the one decoder of the
// family, and writes text back as GB18030 does, the euro sign excepted:
// GBK (code page 936) has it as the one byte 80, where GB18030 writes
// A2 E3, so a text the redaction left alone keeps the bytes a GBK
// receiver (Java's or Python's gbk) reads it from. Stars and ASCII are
// the same bytes in both; a character GBK lacks was a four-byte code in
// the body already, and is written back as one. U+FFFD (bytes invalid in
// the body) is written back as '?' (csGBK has no fffd): its GB18030 code
// 84 31 A4 37 shows a GBK receiver the digits 1 and 7.

// webGBK is GBK as a browser reads it: webGB18030's decoder, and the
// GB18030 encoder with the euro sign as 80 (gbkEncoder).
type webGBK struct{}

// NewDecoder returns webGB18030's decoder.
func (webGBK) NewDecoder() *encoding.Decoder { return webGB18030{}.NewDecoder() }

// NewEncoder returns the GB18030 encoder that writes U+20AC as 80.
func (webGBK) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: &gbkEncoder{inner: webGB18030{}.NewEncoder()}}
}

// euroSign is U+20AC in UTF-8.
const euroSign = "\u20ac"

// gbkEncoder hands its input to the GB18030 encoder up to each euro
// sign, which it writes as the byte 80.
type gbkEncoder struct{ inner transform.Transformer }

// Reset resets the GB18030 encoder.
func (e *gbkEncoder) Reset() { e.inner.Reset() }

// Transform encodes src into dst.
func (e *gbkEncoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for {
		end := bytes.Index(src[nSrc:], []byte(euroSign))
		if end < 0 {
			n, m, err := e.inner.Transform(dst[nDst:], src[nSrc:], atEOF)
			return nDst + n, nSrc + m, err
		}
		// the euro sign starts a character: what comes before it is whole
		n, m, err := e.inner.Transform(dst[nDst:], src[nSrc:nSrc+end], true)
		nDst, nSrc = nDst+n, nSrc+m
		if err != nil || m < end {
			return nDst, nSrc, err
		}
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		dst[nDst] = 0x80
		nDst, nSrc = nDst+1, nSrc+len(euroSign)
	}
}
