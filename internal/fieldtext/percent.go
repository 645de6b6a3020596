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
func percentDecode(raw string, plus bool) (dec []byte, offs []int32) {
	return bodyformat.PercentDecoded([]byte(raw), plus)
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
