package bodyformat

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// strStop marks the bytes that end the fast scan of a JSON string: the
// closing quote, a backslash, and the control characters JSON forbids.
var strStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// stopIn8 reports whether one of the eight bytes of x (a word read from
// the string) is one strStop marks: a control character (below 0x20), a
// quote or a backslash. Each test is exact: a byte below n sets its high
// bit in (x - n×0x01…) & ^x only where the byte itself is below n, the
// lowest such byte borrowing from no byte before it; the higher ones may
// be marked wrongly, but only when a lower one is marked rightly.
func stopIn8(x uint64) bool { return stopMask8(x) != 0 }

// stopMask8 is stopIn8's mask: the high bit of each byte of x it marks.
// The lowest bit set is exact (the first byte strStop marks: the word is
// read little-endian), the ones above it may be wrong (stopIn8).
func stopMask8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, b := x^(ones*'"'), x^(ones*'\\')
	return ((x-ones*0x20)&^x | (q-ones)&^q | (b-ones)&^b) & highs
}

// scanJSONString reads the string whose opening quote is at src[i]. It
// returns the end of its content (the closing quote's offset) and whether
// it holds escapes, or ok false when the string is unterminated or holds a
// control character or a bad escape.
func scanJSONString(src []byte, i int) (end int, escaped, ok bool) {
	n := len(src)
	for i++; i < n; {
		for i+8 <= n {
			m := stopMask8(binary.LittleEndian.Uint64(src[i:]))
			if m != 0 {
				i += bits.TrailingZeros64(m) / 8 // (the first byte that stops it: exact)
				break
			}
			i += 8 // eight bytes none of which ends the fast scan
		}
		for i < n && !strStop[src[i]] {
			i++ // (a short tail; at a stop already after a word)
		}
		if i == n {
			break
		}
		c := src[i]
		switch {
		case c == '"':
			return i, escaped, true
		case c < 0x20:
			return 0, false, false
		}
		// a backslash
		if i+1 >= n {
			return 0, false, false
		}
		escaped = true
		switch src[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if i+6 > n || hex4(src[i+2:i+6]) < 0 {
				return 0, false, false
			}
			i += 6
		default:
			return 0, false, false
		}
	}
	return 0, false, false
}

// hex4 decodes four hex digits, or returns -1.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// rawSpan maps the decoded range [start, end) back to raw through offs (as
// filled by decodeEscapes or decodeForm). A range that cuts through the
// bytes of one escape is widened to the whole escape. The span is never
// empty or inverted, whatever order offs is in: a reading that reorders
// (an override shown reversed copies each byte, last rune first; a
// terminal draws a carriage return's text over what came before) gives
// the span of every byte the range read, even when the range itself is in
// order and the byte shown after it came from before it.
func rawSpan(offs []int32, start, end int) (int, int) {
	last := len(offs) - 1 // offs[last] is the length of raw
	if end <= last && end-start > 1 && !slices.IsSorted(offs[start:end]) {
		return reorderedSpan(offs, start, end)
	}
	rs := int(offs[start])
	if end >= last {
		return rs, int(offs[last])
	}
	k := end
	for k < last && offs[k] == offs[end-1] {
		k++
	}
	if offs[k] <= offs[end-1] {
		// what is shown after the range came from before it
		return reorderedSpan(offs, start, end)
	}
	return rs, int(offs[k])
}

// reorderedSpan is rawSpan's span for a range of a reading that reorders:
// from the least offset the range read to the end of the greatest, that
// end the offset that follows the greatest's byte in the reading when it
// lies beyond it (the whole of an escape or a character), else one byte
// on.
func reorderedSpan(offs []int32, start, end int) (int, int) {
	last := len(offs) - 1
	lo, m := offs[start], start
	for i := start + 1; i < end; i++ {
		lo = min(lo, offs[i])
		if offs[i] > offs[m] {
			m = i
		}
	}
	hi := offs[m] + 1
	k := m + 1
	for k < last && offs[k] == offs[m] {
		k++
	}
	if offs[k] > offs[m] {
		hi = offs[k]
	}
	return int(lo), int(hi)
}

// appendJSONEscaped appends s as the content of a JSON string: quotes,
// backslashes and control characters escaped, and also <, >, & and
// U+2028/U+2029 as encoding/json does, so that a document kept safe for
// embedding in HTML stays so. Other bytes, non-ASCII and invalid UTF-8
// included, are kept as they are.
func appendJSONEscaped[S string | []byte](dst []byte, s S) []byte {
	const hexDigits = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		j := i
		for j < len(s) && jsonKept[s[j]] {
			j++
		}
		dst = append(dst, s[i:j]...) // what is kept as it is, at once
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
			i += 2
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// jsonKept marks the bytes appendJSONEscaped keeps as they are whatever
// follows them: all but quotes, backslashes, control characters, <, > and
// &, and the lead byte of U+2028 and U+2029.
var jsonKept = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0xE2
	}
	return t
}()

// looksLikeJSONString reports whether b, white space aside, starts and
// ends like a JSON string.
func looksLikeJSONString(b []byte) bool {
	i, j := 0, len(b)
	for i < j && isJSONSpace(b[i]) {
		i++
	}
	for j > i && isJSONSpace(b[j-1]) {
		j--
	}
	return j-i >= 2 && b[i] == '"' && b[j-1] == '"'
}

// looksLikeJSON reports whether b, white space aside, starts and ends like
// a JSON object or array: worth walking as JSON before scanning as text.
func looksLikeJSON(b []byte) bool {
	i, j := 0, len(b)
	if j >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		i = 3
	}
	for i < j && isJSONSpace(b[i]) {
		i++
	}
	for j > i && isJSONSpace(b[j-1]) {
		j--
	}
	if j-i < 2 {
		return false
	}
	return b[i] == '{' && b[j-1] == '}' || b[i] == '[' && b[j-1] == ']'
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
