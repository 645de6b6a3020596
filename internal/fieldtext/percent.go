package fieldtext

import (
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// percentDecode decodes the percent escapes in raw (%XX, and %uXXXX as
// ASP.NET decodes it), and '+' as a space when plus is set (query
// strings), with bodyformat's one percent decoder. When there is nothing
// to decode it returns raw and nil offsets. Otherwise offs[i] is the
// offset in raw of the escape or byte that decoded byte i came from, and
// offs[len(dec)] is len(raw), so a span of dec maps back to a span of raw.
// A '%' not followed by an escape is kept as it is.
//
// Overlong UTF-8 forms of ASCII (%C0%B1, %E0%80%B1 for '1') are read as
// the ASCII they encode: Go, browsers and current runtimes refuse them,
// but lenient decoders (IIS before its 2000 fixes, the JDK's UTF-8
// decoder behind Tomcat's CVE-2008-2938, hand-written ones) turn them
// into the character. Folding them is for reading only: the span
// of a finding covers the escapes, which the mask replaces.
func percentDecode(raw string, plus bool) (dec []byte, offs []int32) {
	dec, offs = bodyformat.PercentDecoded([]byte(raw), plus)
	return foldOverlong(dec, offs)
}

// foldOverlong replaces each overlong two- or three-byte UTF-8 sequence
// of a printable ASCII character in dec by that character, in one pass,
// keeping offs (nil: dec is raw) pointing at the raw bytes each decoded
// byte came from. dec is returned as it is when it holds none.
func foldOverlong(dec []byte, offs []int32) ([]byte, []int32) {
	k := 0
	for k < len(dec) && (dec[k] < 0xC0 || overlongAt(dec, k) == 0) { // (every lead is 0xC0 or above)
		k++
	}
	if k == len(dec) {
		return dec, offs
	}
	out := make([]byte, 0, len(dec))
	outOffs := make([]int32, 0, len(dec)+1)
	at := func(i int) int32 {
		if offs == nil {
			return int32(i)
		}
		return offs[i]
	}
	for i := 0; i < len(dec); {
		if n := overlongAt(dec, i); n > 0 {
			out = append(out, overlongChar(dec[i:i+n]))
			outOffs = append(outOffs, at(i))
			i += n
			continue
		}
		out = append(out, dec[i])
		outOffs = append(outOffs, at(i))
		i++
	}
	return out, append(outOffs, at(len(dec)))
}

// overlongAt returns the length of the overlong UTF-8 sequence of a
// printable ASCII character at b[i] (2, 3 or 4), or 0.
func overlongAt(b []byte, i int) int {
	switch {
	case i+1 < len(b) && (b[i] == 0xC0 || b[i] == 0xC1) && b[i+1]&0xC0 == 0x80:
		if c := overlongChar(b[i : i+2]); c > ' ' && c < 0x7f {
			return 2
		}
	case i+2 < len(b) && b[i] == 0xE0 && (b[i+1] == 0x80 || b[i+1] == 0x81) && b[i+2]&0xC0 == 0x80:
		if c := overlongChar(b[i : i+3]); c > ' ' && c < 0x7f {
			return 3
		}
	case i+3 < len(b) && b[i] == 0xF0 && b[i+1] == 0x80 && (b[i+2] == 0x80 || b[i+2] == 0x81) && b[i+3]&0xC0 == 0x80:
		if c := overlongChar(b[i : i+4]); c > ' ' && c < 0x7f {
			return 4
		}
	}
	return 0
}

// overlongChar is the character an overlong sequence encodes (its last
// two bytes hold it whatever its length, the bytes before them zero but
// for the lead's marker).
func overlongChar(seq []byte) byte {
	if len(seq) == 2 {
		return byte(int(seq[0]&0x1F)<<6 | int(seq[1]&0x3F))
	}
	n := len(seq)
	return byte(int(seq[n-2]&0x3F)<<6 | int(seq[n-1]&0x3F))
}

// escapeMask percent-encodes a mask for a URI: letters, digits and the
// characters masks are made of (*, [, ], _, -, …) stay readable; anything
// that could change the URI's structure (/ ? # & = + % space) and every
// non-ASCII byte (a partial mask keeps a surname or a city) is escaped.
func escapeMask(mask string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(mask); i++ {
		c := mask[i]
		if keepInURI(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// keepInURI reports whether c may stand unescaped in a path, query value or
// fragment without changing how the URI parses.
func keepInURI(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~*[]!$'(),;:@", c) >= 0
}
