package bodyformat

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// A GB18030 four-byte code (a lead byte, a digit, a lead byte, a digit)
// whose pointer has no character (FE 39 FE 39, 84 31 A5 30) is one bad
// character to a browser: the WHATWG gb18030 decoder reads the four bytes
// and returns one error, U+FFFD. golang.org/x/text reads it as a bad byte
// and the ASCII digit after it, twice (�9�9), so a reading of
// FE 39 FE 39 glued to a full-width mobile shows two more digits than
// the browser does, and no mobile. webGB18030 is GB18030 read as the
// browser reads it: every GB18030 decoding of the package goes through
// it (csGB18030).

// webGB18030 is simplifiedchinese.GB18030 with the WHATWG reading of a
// four-byte code no character has (gb18030Decoder).
type webGB18030 struct{}

// NewDecoder returns a decoder that reads a four-byte code no character
// has as one U+FFFD.
func (webGB18030) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: &gb18030Decoder{inner: simplifiedchinese.GB18030.NewDecoder()}}
}

// NewEncoder returns the GB18030 encoder.
func (webGB18030) NewEncoder() *encoding.Encoder { return simplifiedchinese.GB18030.NewEncoder() }

// gb18030Decoder hands its input to the x/text decoder up to each
// four-byte code no character has, which it writes as one U+FFFD.
type gb18030Decoder struct{ inner transform.Transformer }

// Reset resets the x/text decoder.
func (d *gb18030Decoder) Reset() { d.inner.Reset() }

// Transform decodes src into dst.
func (d *gb18030Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for {
		end, bad := unmappedFourByte(src[nSrc:])
		if end > 0 {
			// what comes before a four-byte code ends a character
			n, m, err := d.inner.Transform(dst[nDst:], src[nSrc:nSrc+end], atEOF || bad)
			nDst, nSrc = nDst+n, nSrc+m
			if err != nil || m < end {
				return nDst, nSrc, err
			}
		}
		if !bad {
			return nDst, nSrc, nil
		}
		if len(dst)-nDst < len(replacementChar) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], replacementChar)
		nSrc += 4
	}
}

// unmappedFourByte returns where in b, walked a GB18030 character at a
// time (charLen), the first four-byte code no character has starts, and
// true; or len(b) and false. A code cut by the end of b is left to the
// x/text decoder, which asks for more.
func unmappedFourByte(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		n := charLen(b[i:], csGB18030)
		if n == 4 && gb18030Unmapped(b[i:i+4]) {
			return i, true
		}
		i += n
	}
	return len(b), false
}

// gb18030Unmapped reports whether the four-byte code p has no character:
// its WHATWG pointer lies between the BMP ranges and the supplementary
// planes (39419 < pointer < 189000) or past U+10FFFF (1237575).
func gb18030Unmapped(p []byte) bool {
	ptr := ((int(p[0]-0x81)*10+int(p[1]-'0'))*126+int(p[2]-0x81))*10 + int(p[3]-'0')
	return ptr > 39419 && ptr < 189000 || ptr > 1237575
}
