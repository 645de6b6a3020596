package fieldtext

import "strings"

// percentDecode decodes the %XX escapes in raw, and '+' as a space when
// plus is set (query strings). When there is nothing to decode it returns
// raw and nil offsets. Otherwise offs[i] is the offset in raw of the
// escape or byte that decoded byte i came from, and offs[len(dec)] is
// len(raw), so a span of dec maps back to a span of raw. A '%' not
// followed by two hex digits is kept as it is.
func percentDecode(raw string, plus bool) (dec []byte, offs []int) {
	if strings.IndexByte(raw, '%') < 0 && (!plus || strings.IndexByte(raw, '+') < 0) {
		return []byte(raw), nil
	}
	dec = make([]byte, 0, len(raw))
	offs = make([]int, 0, len(raw)+1)
	for i := 0; i < len(raw); {
		c, start := raw[i], i
		switch {
		case c == '%' && i+2 < len(raw) && isHex(raw[i+1]) && isHex(raw[i+2]):
			c = unhex(raw[i+1])<<4 | unhex(raw[i+2])
			i += 3
		case c == '+' && plus:
			c = ' '
			i++
		default:
			i++
		}
		dec = append(dec, c)
		offs = append(offs, start)
	}
	return dec, append(offs, len(raw))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
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
